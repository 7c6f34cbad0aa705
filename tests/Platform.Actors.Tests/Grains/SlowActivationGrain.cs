namespace Platform.Actors.Tests.Grains;

public sealed class SlowActivationGrain : Grain, ISlowActivationGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);

    public Task PingAsync() => Task.CompletedTask;
}
