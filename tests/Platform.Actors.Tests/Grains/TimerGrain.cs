using Platform.Actors.Tests.Infrastructure;

namespace Platform.Actors.Tests.Grains;

public sealed class TimerGrain : Grain, ITimerGrain
{
    private int _ticks;
    private int _running;
    private int _maxRunning;
    private int _deactivateAfter = int.MaxValue;

    public Task StartAsync(TimeSpan period)
    {
        RegisterGrainTimer(TickAsync, TimeSpan.Zero, period);
        return Task.CompletedTask;
    }

    public Task StartAndDeactivateAfterAsync(TimeSpan period, int ticks)
    {
        _deactivateAfter = ticks;
        return StartAsync(period);
    }

    public Task<int> GetTicksAsync() => Task.FromResult(_ticks);

    public Task<int> GetMaxConcurrentTicksAsync() => Task.FromResult(_maxRunning);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Probe.Record(this.GetPrimaryKeyString(), "deactivate");
        return Task.CompletedTask;
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        _maxRunning = Math.Max(_maxRunning, ++_running);
        _ticks++;
        Probe.Record(this.GetPrimaryKeyString(), "tick");

        // A tick that outlasts the period: with a zero period the next tick would overlap if ticks were not serialized.
        await Task.Delay(5, CancellationToken.None);
        _running--;
        if (_ticks == _deactivateAfter)
        {
            DeactivateOnIdle();
        }
    }
}
