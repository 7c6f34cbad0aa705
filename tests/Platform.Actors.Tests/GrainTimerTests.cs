using Platform.Actors.Tests.Grains;
using Platform.Actors.Tests.Infrastructure;

namespace Platform.Actors.Tests;

public sealed class GrainTimerTests
{
    [Fact]
    public async Task RegisterGrainTimer_ZeroPeriodSlowTicks_TicksNeverOverlap()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Guid.NewGuid().ToString();
        var grain = silo.Grains.GetGrain<ITimerGrain>(key);

        await grain.StartAsync(TimeSpan.Zero);
        await Probe.WaitUntilAsync(() => Probe.Count(key, "tick") >= 20, "twenty ticks");

        Assert.Equal(1, await grain.GetMaxConcurrentTicksAsync());
    }

    [Fact]
    public async Task RegisterGrainTimer_ActivationDeactivated_TimerStops()
    {
        await using var silo = await TestSilo.StartAsync(o =>
        {
            o.CollectionAge = TimeSpan.FromMilliseconds(300);
            o.CollectionQuantum = TimeSpan.FromMilliseconds(50);
        });
        var key = Guid.NewGuid().ToString();
        await silo.Grains.GetGrain<ITimerGrain>(key).StartAsync(TimeSpan.FromMilliseconds(20));
        await Probe.WaitUntilAsync(() => Probe.Count(key, "tick") >= 3, "three ticks");

        // Ticks do not keep the grain alive, so it is collected; its timer must die with it.
        await Probe.WaitUntilAsync(() => Probe.Count(key, "deactivate") == 1, "idle collection");
        var ticksAtDeactivation = Probe.Count(key, "tick");
        await Task.Delay(200);

        Assert.Equal(ticksAtDeactivation, Probe.Count(key, "tick"));
        Assert.Equal("deactivate", Probe.Get(key)[^1]);
    }
}
