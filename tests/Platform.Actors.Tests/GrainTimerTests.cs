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
        await using var silo = await TestSilo.StartAsync();
        var key = Guid.NewGuid().ToString();

        // The third tick deactivates the grain, so the timer is known to be running when its activation goes.
        await silo.Grains.GetGrain<ITimerGrain>(key).StartAndDeactivateAfterAsync(TimeSpan.FromMilliseconds(20), ticks: 3);
        await Probe.WaitUntilAsync(() => Probe.Count(key, "deactivate") == 1, "deactivation after the third tick");
        await Task.Delay(200); // ten periods in which a surviving timer would tick again

        Assert.Equal(["tick", "tick", "tick", "deactivate"], Probe.Get(key));
    }

    [Fact]
    public async Task RegisterGrainTimer_NoCallsWhileTicking_ActivationStillCollected()
    {
        await using var silo = await TestSilo.StartAsync(o =>
        {
            o.CollectionAge = TimeSpan.FromMilliseconds(300);
            o.CollectionQuantum = TimeSpan.FromMilliseconds(50);
        });
        var key = Guid.NewGuid().ToString();

        await silo.Grains.GetGrain<ITimerGrain>(key).StartAsync(TimeSpan.FromMilliseconds(20));

        // Ticks do not keep a grain alive (as in Orleans), so idle collection takes it, timer and all.
        await Probe.WaitUntilAsync(() => Probe.Count(key, "deactivate") == 1, "idle collection");
        await Task.Delay(200);
        Assert.Equal("deactivate", Probe.Get(key)[^1]);
    }
}
