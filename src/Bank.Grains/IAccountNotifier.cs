using Bank.Contracts;

namespace Bank.Grains;

/// <summary>
/// Told of every durable account change before it is acknowledged: refreshes the cache and publishes the event.
/// Best effort: Redis may be down, and nothing here may fail the operation.
/// </summary>
public interface IAccountNotifier
{
    /// <summary>Called after the change is written to storage.</summary>
    Task OnChangedAsync(AccountSnapshot account, AccountEntry entry);

    /// <summary>
    /// Called when the account is activated, with the state just read from storage: a write whose acknowledgement was
    /// lost (stored, but the store's answer never came) was never announced, and this brings the cache up to it.
    /// </summary>
    Task OnActivatedAsync(AccountSnapshot account);
}
