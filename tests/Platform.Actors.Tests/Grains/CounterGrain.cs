using Platform.Actors.Tests.Infrastructure;

namespace Platform.Actors.Tests.Grains;

public sealed class CounterGrain : Grain, ICounterGrain
{
    private readonly Guid _activationId = Guid.NewGuid();
    private int _count;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Probe.Record(this.GetPrimaryKeyString(), "activate");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Probe.Record(this.GetPrimaryKeyString(), "deactivate:" + reason.Code);
        return Task.CompletedTask;
    }

    public Task<int> IncrementAsync() => Task.FromResult(++_count);

    public ValueTask<int> GetAsync() => ValueTask.FromResult(_count);

    public Task<Guid> GetActivationIdAsync() => Task.FromResult(_activationId);

    public Task ThrowAsync(string message) => throw new InvalidOperationException(message);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task HangAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);

    public Task FireAndForgetAsync()
    {
        Probe.Record(this.GetPrimaryKeyString(), "one-way");
        return Task.CompletedTask;
    }
}
