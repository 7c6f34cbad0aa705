using Platform.Actors.Tests.Grains;
using Platform.Actors.Tests.Infrastructure;

namespace Platform.Actors.Tests;

public sealed class ActivationLifecycleTests
{
    [Fact]
    public async Task Collector_IdleLongerThanCollectionAge_DeactivatesAndNextCallReactivates()
    {
        await using var silo = await TestSilo.StartAsync(o =>
        {
            o.CollectionAge = TimeSpan.FromMilliseconds(200);
            o.CollectionQuantum = TimeSpan.FromMilliseconds(50);
        });
        var key = Guid.NewGuid().ToString();
        var grain = silo.Grains.GetGrain<ICounterGrain>(key);

        // One call only before the wait, so a slow machine cannot collect the grain between two of them.
        await grain.IncrementAsync();

        await Probe.WaitUntilAsync(() => Probe.Count(key, "deactivate:IdleCollection") == 1, "idle collection");

        Assert.Equal(0, await grain.GetAsync());
        Assert.Equal(["activate", "deactivate:IdleCollection", "activate"], Probe.Get(key));
    }

    [Fact]
    public async Task Collector_DefaultCollectionAge_KeepsBusyActivation()
    {
        await using var silo = await TestSilo.StartAsync(o => o.CollectionQuantum = TimeSpan.FromMilliseconds(20));
        var key = Guid.NewGuid().ToString();
        var grain = silo.Grains.GetGrain<ICounterGrain>(key);
        var first = await grain.GetActivationIdAsync();

        for (var i = 0; i < 20; i++)
        {
            await grain.IncrementAsync();
            await Task.Delay(10);
        }

        Assert.Equal(first, await grain.GetActivationIdAsync());
        Assert.DoesNotContain(Probe.Get(key), e => e.StartsWith("deactivate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeactivateOnIdle_AfterCurrentCall_NextCallGetsNewActivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Guid.NewGuid().ToString();
        var grain = silo.Grains.GetGrain<ICounterGrain>(key);
        var first = await grain.GetActivationIdAsync();

        await grain.DeactivateAsync();

        Assert.NotEqual(first, await grain.GetActivationIdAsync());
        Assert.Equal(["activate", "deactivate:ApplicationRequested", "activate"], Probe.Get(key));
    }

    [Fact]
    public async Task StopAsync_HostShutdown_DeactivatesGracefully()
    {
        var silo = await TestSilo.StartAsync();
        var key = Guid.NewGuid().ToString();
        await silo.Grains.GetGrain<ICounterGrain>(key).IncrementAsync();

        await silo.DisposeAsync();

        Assert.Equal(["activate", "deactivate:ShuttingDown"], Probe.Get(key));
    }

    [Fact]
    public async Task Invoke_GrainMethodThrows_ActivationKeepsServing()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Guid.NewGuid().ToString();
        var grain = silo.Grains.GetGrain<ICounterGrain>(key);
        await grain.IncrementAsync();
        var first = await grain.GetActivationIdAsync();

        await Assert.ThrowsAsync<GrainMethodException>(() => grain.ThrowAsync("boom"));

        Assert.Equal(2, await grain.IncrementAsync());
        Assert.Equal(first, await grain.GetActivationIdAsync());
    }
}
