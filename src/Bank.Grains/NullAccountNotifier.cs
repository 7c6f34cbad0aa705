using Bank.Contracts;

namespace Bank.Grains;

/// <summary>Used when no Redis is configured.</summary>
internal sealed class NullAccountNotifier : IAccountNotifier
{
    public Task OnChangedAsync(AccountSnapshot account, AccountEntry entry) => Task.CompletedTask;

    public Task OnActivatedAsync(AccountSnapshot account) => Task.CompletedTask;
}
