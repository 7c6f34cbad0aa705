using Orleans.Core.Internal;
using Platform.Tests.Shared;
using RenderFarm.Contracts;
using RenderFarm.Grains;

namespace RenderFarm.Tests;

/// <summary>
/// The lease and fencing protocol of one coordinator, driven by hand: the silo renders nothing itself, the test plays
/// the workers, so each step happens exactly when the story says.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class LeaseFencingTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Complete_StaleTokenAfterTheFrameWasLeasedAgain_RefusedAndTheNewerResultAccepted()
    {
        await using var farm = await FarmCluster.StartAsync(await postgres.CreateDatabaseAsync("farm"), [0]);
        var (job, spec) = await SubmitAsync(farm, FarmCluster.Spec(1, leaseSeconds: 1));

        var first = (await job.TryLeaseAsync("paused#0", "a", 0)).Lease!;
        // The first worker "pauses": no renewal, the lease runs out, and the frame goes to another worker.
        var second = await LeaseWhenExpiredAsync(job, "fresh#0");
        Assert.True(second.Token > first.Token);

        Assert.Equal(ResultOutcome.Accepted, (await job.CompleteAsync(Result(spec, second, "fresh#0"))).Outcome);
        Assert.Equal(ResultOutcome.Stale, (await job.CompleteAsync(Result(spec, first, "paused#0"))).Outcome);

        var frame = (await job.GetStatusAsync()).Frames[0];
        Assert.Equal((1, 1, second.Token, "fresh#0"), (frame.Accepts, frame.Refused, frame.Token, frame.Worker));
    }

    [Fact]
    public async Task Complete_StaleTokenArrivingFirst_RefusedEvenBeforeTheNewLeaseReports()
    {
        await using var farm = await FarmCluster.StartAsync(await postgres.CreateDatabaseAsync("farm"), [0]);
        var (job, spec) = await SubmitAsync(farm, FarmCluster.Spec(1, leaseSeconds: 1));
        var first = (await job.TryLeaseAsync("paused#0", "a", 0)).Lease!;
        var second = await LeaseWhenExpiredAsync(job, "fresh#0");

        Assert.Equal(ResultOutcome.Stale, (await job.CompleteAsync(Result(spec, first, "paused#0"))).Outcome);
        Assert.Equal(ResultOutcome.Accepted, (await job.CompleteAsync(Result(spec, second, "fresh#0"))).Outcome);
        Assert.Equal(JobPhase.Completed, (await job.GetStatusAsync()).Phase);
    }

    [Fact]
    public async Task Complete_ExpiredLeaseNotYetHandedOutAgain_Accepted()
    {
        await using var farm = await FarmCluster.StartAsync(await postgres.CreateDatabaseAsync("farm"), [0]);
        var (job, spec) = await SubmitAsync(farm, FarmCluster.Spec(1, leaseSeconds: 1));
        var lease = (await job.TryLeaseAsync("slow#0", "a", 0)).Lease!;
        await WaitUntilAsync(async () => (await job.GetStatusAsync()).LeaseExpiries > 0);

        // No newer lease exists, so nothing is fenced off: the late result is the frame's result.
        Assert.Equal(ResultOutcome.Accepted, (await job.CompleteAsync(Result(spec, lease, "slow#0"))).Outcome);
    }

    [Fact]
    public async Task Renew_WhileHeld_KeepsTheLeasePastItsDuration()
    {
        await using var farm = await FarmCluster.StartAsync(await postgres.CreateDatabaseAsync("farm"), [0]);
        var (job, spec) = await SubmitAsync(farm, FarmCluster.Spec(1, leaseSeconds: 1));
        var lease = (await job.TryLeaseAsync("steady#0", "a", 0)).Lease!;
        for (var i = 0; i < 6; i++)
        {
            await Task.Delay(300);
            Assert.True(await job.RenewAsync(lease.Frame, lease.Token));
        }

        Assert.Equal(0, (await job.GetStatusAsync()).LeaseExpiries);
        Assert.Null((await job.TryLeaseAsync("other#0", "b", 0)).Lease);
        Assert.Equal(ResultOutcome.Accepted, (await job.CompleteAsync(Result(spec, lease, "steady#0"))).Outcome);
    }

    [Fact]
    public async Task Renew_AfterTheFrameWasLeasedAgain_Refused()
    {
        await using var farm = await FarmCluster.StartAsync(await postgres.CreateDatabaseAsync("farm"), [0]);
        var (job, _) = await SubmitAsync(farm, FarmCluster.Spec(1, leaseSeconds: 1));
        var first = (await job.TryLeaseAsync("paused#0", "a", 0)).Lease!;
        await LeaseWhenExpiredAsync(job, "fresh#0");
        Assert.False(await job.RenewAsync(first.Frame, first.Token));
    }

    [Fact]
    public async Task Complete_SameFrameTwice_AcceptedOnceThenDuplicate()
    {
        await using var farm = await FarmCluster.StartAsync(await postgres.CreateDatabaseAsync("farm"), [0]);
        var (job, spec) = await SubmitAsync(farm, FarmCluster.Spec(1));
        var lease = (await job.TryLeaseAsync("w#0", "a", 0)).Lease!;
        Assert.Equal(ResultOutcome.Accepted, (await job.CompleteAsync(Result(spec, lease, "w#0"))).Outcome);
        Assert.Equal(ResultOutcome.Duplicate, (await job.CompleteAsync(Result(spec, lease, "w#0"))).Outcome);
        Assert.Equal(1, (await job.GetStatusAsync()).Frames[0].Accepts);
    }

    [Fact]
    public async Task Complete_BytesNotMatchingTheirHash_Invalid()
    {
        await using var farm = await FarmCluster.StartAsync(await postgres.CreateDatabaseAsync("farm"), [0]);
        var (job, spec) = await SubmitAsync(farm, FarmCluster.Spec(1));
        var lease = (await job.TryLeaseAsync("w#0", "a", 0)).Lease!;
        var forged = Result(spec, lease, "w#0") with { Png = [1, 2, 3] };
        Assert.Equal(ResultOutcome.Invalid, (await job.CompleteAsync(forged)).Outcome);
        Assert.Equal(0, (await job.GetStatusAsync()).Done);
    }

    [Fact]
    public async Task Straggler_QueueEmptyAndOneFrameFarSlower_CopiedElsewhereAndTheFirstResultWins()
    {
        await using var farm = await FarmCluster.StartAsync(await postgres.CreateDatabaseAsync("farm"), [0]);
        var (job, spec) = await SubmitAsync(farm, FarmCluster.Spec(4, leaseSeconds: 30));
        for (var i = 0; i < 3; i++)
        {
            var quick = (await job.TryLeaseAsync("fast#0", "a", 0)).Lease!;
            Assert.Equal(ResultOutcome.Accepted, (await job.CompleteAsync(Result(spec, quick, "fast#0"))).Outcome);
        }

        var slow = (await job.TryLeaseAsync("slow#0", "b", 0)).Lease!;
        Assert.Null((await job.TryLeaseAsync("fast#0", "a", 0)).Lease);   // not yet a straggler

        // Past max(3 × the median frame, 1 s): the idle worker gets a copy; the original keeps its lease.
        var copy = await WaitForLeaseAsync(job, "fast#0", TimeSpan.FromSeconds(5));
        Assert.True(copy.Speculative);
        Assert.Equal(slow.Frame, copy.Frame);
        Assert.True(await job.RenewAsync(slow.Frame, slow.Token));

        Assert.Equal(ResultOutcome.Accepted, (await job.CompleteAsync(Result(spec, copy, "fast#0"))).Outcome);
        Assert.Equal(ResultOutcome.Duplicate, (await job.CompleteAsync(Result(spec, slow, "slow#0"))).Outcome);
        var status = await job.GetStatusAsync();
        Assert.Equal((JobPhase.Completed, 1, 1L), (status.Phase, status.Frames[slow.Frame].Accepts, status.Reexecutions));
    }

    [Fact]
    public async Task Coordinator_Reactivated_RevokesLeasesItCannotVouchForAndKeepsAcceptedFrames()
    {
        await using var farm = await FarmCluster.StartAsync(await postgres.CreateDatabaseAsync("farm"), [0]);
        var (job, spec) = await SubmitAsync(farm, FarmCluster.Spec(2));
        var done = (await job.TryLeaseAsync("w#0", "a", 0)).Lease!;
        Assert.Equal(ResultOutcome.Accepted, (await job.CompleteAsync(Result(spec, done, "w#0"))).Outcome);
        var open = (await job.TryLeaseAsync("w#1", "a", 0)).Lease!;

        // As after a crash of its silo: the in-memory leases are gone; the durable state is what the next activation has.
        await job.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await WaitUntilAsync(async () => (await job.GetStatusAsync()).Frames[open.Frame].Fence > open.Token);

        Assert.Equal(ResultOutcome.Stale, (await job.CompleteAsync(Result(spec, open, "w#1"))).Outcome);
        var again = (await job.TryLeaseAsync("w#2", "a", 0)).Lease!;
        Assert.Equal(open.Frame, again.Frame);
        Assert.True(again.Token > open.Token);
        Assert.Equal(ResultOutcome.Accepted, (await job.CompleteAsync(Result(spec, again, "w#2"))).Outcome);
        var status = await job.GetStatusAsync();
        Assert.Equal(JobPhase.Completed, status.Phase);
        Assert.All(status.Frames, f => Assert.Equal(1, f.Accepts));
    }

    [Fact]
    public async Task Cancel_RunningJob_NoFrameHandedOutAndLateResultsDropped()
    {
        await using var farm = await FarmCluster.StartAsync(await postgres.CreateDatabaseAsync("farm"), [0]);
        var (job, spec) = await SubmitAsync(farm, FarmCluster.Spec(5));
        var lease = (await job.TryLeaseAsync("w#0", "a", 0)).Lease!;

        Assert.Equal(JobPhase.Cancelled, (await job.CancelAsync()).Phase);
        var reply = await job.TryLeaseAsync("w#1", "a", 0);
        Assert.True(reply.Finished);
        Assert.Null(reply.Lease);
        Assert.Null(await farm.Grains.GetGrain<ISchedulerGrain>(0).LeaseAsync("w#1", "a", 0));
        Assert.Equal(ResultOutcome.Cancelled, (await job.CompleteAsync(Result(spec, lease, "w#0"))).Outcome);
        Assert.Equal(0, (await job.GetStatusAsync()).Done);
    }

    [Fact]
    public async Task Tokens_AcrossLeasesAndReactivations_OnlyGrow()
    {
        await using var farm = await FarmCluster.StartAsync(await postgres.CreateDatabaseAsync("farm"), [0]);
        var (job, _) = await SubmitAsync(farm, FarmCluster.Spec(200));
        var tokens = new List<long>();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 30; i++)
            {
                tokens.Add((await job.TryLeaseAsync("w#0", "a", 0)).Lease!.Token);
            }

            await job.Cast<IGrainManagementExtension>().DeactivateOnIdle();
            await Task.Delay(100);
        }

        Assert.Equal(tokens.Order(), tokens);
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    internal static async Task<(IJobGrain Job, JobSpec Spec)> SubmitAsync(FarmCluster farm, JobSpec spec)
    {
        var job = farm.Grains.GetGrain<IJobGrain>(Guid.NewGuid());
        await job.SubmitAsync(spec);
        return (job, spec);
    }

    internal static FrameResult Result(JobSpec spec, FrameLease lease, string worker)
    {
        var png = FractalRenderer.Render(spec, lease.Frame);
        return new FrameResult(lease.Frame, lease.Token, worker, worker.Split('#')[0], FractalRenderer.HashOf(png), png, lease.Lamport + 1, DateTimeOffset.UtcNow, 1);
    }

    private static async Task<FrameLease> LeaseWhenExpiredAsync(IJobGrain job, string worker) =>
        await WaitForLeaseAsync(job, worker, TimeSpan.FromSeconds(10));

    private static async Task<FrameLease> WaitForLeaseAsync(IJobGrain job, string worker, TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        while (true)
        {
            if ((await job.TryLeaseAsync(worker, worker.Split('#')[0], 0)).Lease is { } lease)
            {
                return lease;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            await Task.Delay(50, deadline.Token);
        }
    }
}
