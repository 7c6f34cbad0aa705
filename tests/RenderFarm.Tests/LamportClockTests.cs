using RenderFarm.Grains;

namespace RenderFarm.Tests;

public sealed class LamportClockTests
{
    [Fact]
    public void Tick_Repeatedly_OnlyGrows()
    {
        var clock = new LamportClock();
        var times = Enumerable.Range(0, 100).Select(_ => clock.Tick()).ToArray();
        Assert.Equal(times.Order(), times);
        Assert.Equal(100, times.Distinct().Count());
    }

    [Fact]
    public void Witness_ARemoteTimeAhead_MovesPastIt()
    {
        var clock = new LamportClock();
        clock.Tick();
        Assert.Equal(43, clock.Witness(42));
        Assert.Equal(44, clock.Tick());
    }

    [Fact]
    public void Witness_ARemoteTimeBehind_StillAdvances()
    {
        var clock = new LamportClock();
        clock.Witness(10);
        Assert.Equal(12, clock.Witness(3));
    }

    [Fact]
    public async Task Tick_ConcurrentCallers_NeverIssueATimeTwice()
    {
        var clock = new LamportClock();
        var times = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Enumerable.Range(0, 10_000).Select(_ => clock.Tick()).ToArray())));
        Assert.Equal(80_000, times.SelectMany(t => t).Distinct().Count());
    }
}
