using Platform.Actors.Tests.Grains;
using Platform.Actors.Tests.Infrastructure;

namespace Platform.Actors.Tests;

public sealed class TurnSchedulingTests
{
    [Fact]
    public async Task Invoke_ConcurrentCallsToOneGrain_NeverOverlap()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ITurnGrain>(Random.Shared.NextInt64());

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => grain.WorkAsync())));

        Assert.All(results, max => Assert.Equal(1, max));
    }

    [Fact]
    public async Task Invoke_ReentrantGrain_InterleavesRequests()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Random.Shared.NextInt64();
        var grain = silo.Grains.GetGrain<IReentrantGrain>(key);

        var waiting = Enumerable.Range(0, 5).Select(_ => grain.EnterAndWaitAsync()).ToArray();

        // All five are inside the grain at once, and a sixth call still gets in.
        await Probe.WaitUntilAsync(() => grain.GetInFlightAsync().GetAwaiter().GetResult() == 5, "five requests in flight");
        Gate.For(key).SetResult();
        await Task.WhenAll(waiting);
        Assert.Equal(0, await grain.GetInFlightAsync());
    }

    [Fact]
    public async Task Invoke_NonReentrantGrain_QueuesBehindRunningRequest()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Random.Shared.NextInt64();
        var grain = silo.Grains.GetGrain<ITurnGrain>(key);

        var first = grain.EnterAndWaitAsync();
        await Probe.WaitUntilAsync(() => grain.PeekInFlightAsync().GetAwaiter().GetResult() == 1, "the first request to start");
        var queued = grain.GetInFlightAsync();

        // [AlwaysInterleave] gets in beside the blocked request; the normal call waits for it.
        Assert.Equal(1, await grain.PeekInFlightAsync());
        Assert.False(queued.IsCompleted);
        Gate.For(key).SetResult();
        await first;
        Assert.Equal(0, await queued);
    }
}
