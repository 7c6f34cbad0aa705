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
}
