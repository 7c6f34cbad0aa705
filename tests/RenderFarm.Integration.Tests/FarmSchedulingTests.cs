using System.Text.Json;
using RenderFarm.Contracts;

namespace RenderFarm.Integration.Tests;

/// <summary>One whole system for the scheduling tests: they inject no faults, and each waits for its own jobs to end.</summary>
public sealed class FarmSchedulingFixture : IAsyncLifetime
{
    private FarmSystem? _system;

    internal FarmSystem System => _system ?? throw new InvalidOperationException("The system is not started.");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        _system = await FarmSystem.StartAsync(cancellation.Token);
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }
}

/// <summary>
/// How the farm shares its workers between jobs, through the API. Cross-job order is read off Lamport times: every
/// lease goes through the one scheduler grain, which witnesses each coordinator's time before asking the next, so the
/// leases of all jobs form one causal chain and their Lamport order is the order they were handed out in.
/// </summary>
public sealed class FarmSchedulingTests(FarmSchedulingFixture farm) : IClassFixture<FarmSchedulingFixture>
{
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Jobs_HigherPrioritySubmittedWhileALowOneRuns_EveryHighFrameIsHandedOutBeforeTheLowJobGetsAnother()
    {
        var erin = await farm.System.Admin.IssueAsync("erin");
        var lowSpec = new JobSpec("erin", "low", 60, 160, 90, 8_000, 1, 10);
        var highSpec = new JobSpec("erin", "high", 6, 160, 90, 8_000, 8, 10);
        var low = (await erin.SubmitAsync(FarmFaultTests.Body(lowSpec))).GetProperty("id").GetGuid();
        await erin.WaitStatusAsync(low, s => s.GetProperty("done").GetInt32() >= 1, Within);
        var high = (await erin.SubmitAsync(FarmFaultTests.Body(highSpec))).GetProperty("id").GetGuid();

        var highDone = await erin.WaitFinishedAsync(high, Within);
        var lowDone = await erin.WaitFinishedAsync(low, Within);

        Assert.Equal("Completed", highDone.GetProperty("phase").GetString());
        Assert.Equal("Completed", lowDone.GetProperty("phase").GetString());
        FarmSystemTests.AssertEveryFrameOnceAndRight(highDone, highSpec);
        FarmSystemTests.AssertEveryFrameOnceAndRight(lowDone, lowSpec);
        // Each high frame's first lease (a later one would be a straggler's copy): from the first to the last of them,
        // the scheduler asked the high job first every time, so no low lease falls in between.
        var highFirstLeases = Leases(await erin.HistoryAsync(high)).GroupBy(e => e.Frame).Select(g => g.Min(e => e.Lamport)).ToArray();
        var lowLeases = Leases(await erin.HistoryAsync(low)).Select(e => e.Lamport).ToArray();
        var (first, last) = (highFirstLeases.Min(), highFirstLeases.Max());
        Assert.Equal(highSpec.Frames, highFirstLeases.Length);
        Assert.Contains(lowLeases, l => l < first);   // the low job was running when the high one came
        Assert.Contains(lowLeases, l => l > last);    // and still had frames waiting when the high one's were all out
        Assert.DoesNotContain(lowLeases, l => l > first && l < last);
    }

    [Fact]
    public async Task Cancel_RunningJob_NoLeaseAfterTheCancelAndTheSchedulerDropsIt()
    {
        var frank = await farm.System.Admin.IssueAsync("frank");
        // The cancelled job has the higher priority: were it still handing out frames, the workers would take those first.
        var spec = new JobSpec("frank", "to cancel", 60, 160, 90, 8_000, 5, 10);
        var id = (await frank.SubmitAsync(FarmFaultTests.Body(spec))).GetProperty("id").GetGuid();
        await frank.WaitStatusAsync(id, s => s.GetProperty("done").GetInt32() >= 2, Within);

        var cancelled = await frank.CancelAsync(id);
        Assert.Equal("Cancelled", cancelled.GetProperty("phase").GetString());
        var doneAtCancel = cancelled.GetProperty("done").GetInt32();
        Assert.True(doneAtCancel < spec.Frames, "the job finished before it was cancelled: nothing was tested");

        // A job submitted after the cancel runs to its end: every worker has asked the scheduler since, many times.
        var afterSpec = new JobSpec("frank", "after", 9, 160, 90, 8_000, 0, 10);
        var after = (await frank.SubmitAsync(FarmFaultTests.Body(afterSpec))).GetProperty("id").GetGuid();
        Assert.Equal("Completed", (await frank.WaitFinishedAsync(after, Within)).GetProperty("phase").GetString());

        var status = await frank.StatusAsync(id);
        var history = await frank.HistoryAsync(id);
        Assert.Equal("Cancelled", status.GetProperty("phase").GetString());
        Assert.Equal(doneAtCancel, status.GetProperty("done").GetInt32());
        Assert.Equal(0, status.GetProperty("leased").GetInt32());
        var cancelAt = Assert.Single(history, e => FarmFaultTests.Kind(e) == FarmEventKinds.Cancelled).GetProperty("lamport").GetInt64();
        Assert.DoesNotContain(history, e => FarmFaultTests.Kind(e) is FarmEventKinds.Leased or FarmEventKinds.Accepted && e.GetProperty("lamport").GetInt64() > cancelAt);
        Assert.Equal(doneAtCancel, history.Count(e => FarmFaultTests.Kind(e) == FarmEventKinds.Accepted));
        var queue = await farm.System.Admin.QueueAsync();
        Assert.DoesNotContain(queue.GetProperty("jobs").EnumerateArray(), j => j.GetGuid() == id);
    }

    private static IEnumerable<(int Frame, long Lamport)> Leases(JsonElement[] history) =>
        history.Where(e => FarmFaultTests.Kind(e) == FarmEventKinds.Leased).Select(e => (e.GetProperty("frame").GetInt32(), e.GetProperty("lamport").GetInt64()));
}
