using Platform.Tests.Shared;
using RenderFarm.Contracts;
using RenderFarm.Grains;

namespace RenderFarm.Tests;

/// <summary>Whole jobs rendered by the silos' own workers, pulling from the scheduler.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class FarmClusterTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Job_TwoSilosPulling_CompletesWithEveryFrameAcceptedOnceAndItsHashRight()
    {
        await using var farm = await FarmCluster.StartAsync(await postgres.CreateDatabaseAsync("farm"), [1, 1]);
        var spec = FarmCluster.Spec(16, iterations: 300);
        var job = farm.Grains.GetGrain<IJobGrain>(Guid.NewGuid());
        await job.SubmitAsync(spec);

        var status = await farm.WaitFinishedAsync(job.GetPrimaryKey());

        Assert.Equal(JobPhase.Completed, status.Phase);
        Assert.All(status.Frames, f =>
        {
            Assert.Equal(1, f.Accepts);
            Assert.Equal(FractalRenderer.HashOf(FractalRenderer.Render(spec, f.Frame)), f.Hash);
        });
        var stored = await farm.Grains.GetGrain<IFrameGrain>(IFrameGrain.KeyOf(job.GetPrimaryKey(), 5)).GetPngAsync();
        Assert.Equal(FractalRenderer.Render(spec, 5), stored);
    }

    [Fact]
    public async Task History_TwoSilosWithClocksTwoHoursApart_LogicalOrderIsCausalWhereWallTimeIsNot()
    {
        await using var farm = await FarmCluster.StartAsync(
            await postgres.CreateDatabaseAsync("farm"), [1, 1], [TimeSpan.FromHours(1), TimeSpan.FromHours(-1)]);
        var job = farm.Grains.GetGrain<IJobGrain>(Guid.NewGuid());
        await job.SubmitAsync(FarmCluster.Spec(12, iterations: 2_000));
        var status = await farm.WaitFinishedAsync(job.GetPrimaryKey());
        Assert.True(status.FramesPerSilo.Count == 2, "both silos must have rendered frames for the clocks to disagree");
        var history = await job.GetEventsAsync(0);

        // Causality per frame: leased (coordinator) → rendered (worker) → accepted (coordinator).
        var byLamport = history.OrderBy(e => e.Lamport).ThenBy(e => e.Origin, StringComparer.Ordinal).ToList();
        var byWallTime = history.OrderBy(e => e.WallTime).ToList();
        string[] story = [FarmEventKinds.Leased, FarmEventKinds.Rendered, FarmEventKinds.Accepted];
        Assert.All(status.Frames, f => Assert.True(IsInOrder(byLamport, f.Frame, f.Token, story), $"frame {f.Frame} out of causal order by Lamport time"));
        Assert.Contains(status.Frames, f => !IsInOrder(byWallTime, f.Frame, f.Token, story));
        Assert.Equal(history.Count, history.Select(e => (e.Lamport, e.Origin)).Distinct().Count());
    }

    [Fact]
    public async Task Jobs_TwoPrioritiesOnABusyFarm_TheHighOneFinishesFirst()
    {
        await using var farm = await FarmCluster.StartAsync(await postgres.CreateDatabaseAsync("farm"), [1]);
        var low = farm.Grains.GetGrain<IJobGrain>(Guid.NewGuid());
        var high = farm.Grains.GetGrain<IJobGrain>(Guid.NewGuid());
        await low.SubmitAsync(FarmCluster.Spec(20, priority: 1, iterations: 500));
        await high.SubmitAsync(FarmCluster.Spec(6, priority: 9, iterations: 500));

        var highDone = await farm.WaitFinishedAsync(high.GetPrimaryKey());
        var lowNow = await low.GetStatusAsync();
        Assert.Equal(JobPhase.Completed, highDone.Phase);
        Assert.Equal(JobPhase.Running, lowNow.Phase);
        Assert.Equal(JobPhase.Completed, (await farm.WaitFinishedAsync(low.GetPrimaryKey())).Phase);
    }

    private static bool IsInOrder(List<FarmEvent> events, int frame, long token, string[] kinds)
    {
        var positions = kinds.Select(k => events.FindIndex(e => e.Frame == frame && e.Token == token && e.Kind == k)).ToArray();
        return positions.All(p => p >= 0) && positions.SequenceEqual(positions.Order());
    }
}
