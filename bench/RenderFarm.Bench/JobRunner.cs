using System.Text.Json;
using RenderFarm.Contracts;

namespace RenderFarm.Bench;

/// <summary>A job the bench submits: its frames and their cost (pixels × iterations), at the API's default lease.</summary>
internal sealed record BenchJob(string Name, int Frames, int Width, int Height, int Iterations)
{
    /// <summary>The API's default lease; what a silo's death costs depends on it, so the bench keeps the default.</summary>
    public const int LeaseSeconds = 10;

    /// <summary>The spec the farm renders; the owner does not enter a frame's pixels, so any owner gives the same bytes.</summary>
    public JobSpec Spec => new("bench", Name, Frames, Width, Height, Iterations, 0, LeaseSeconds);

    public override string ToString() => $"{Frames} frames of {Width}x{Height}, {Iterations} iterations";
}

/// <summary>One job's run through the farm, measured by its coordinator's own stamps and checked frame by frame.</summary>
internal sealed record JobRun(
    double Makespan,
    double Pickup,
    double Seen,
    string Phase,
    IReadOnlyDictionary<string, int> FramesPerSilo,
    string CoordinatorSilo,
    long LeaseExpiries,
    long Reexecutions,
    long StaleRefusals,
    int WrongFrames,
    IReadOnlyList<double> LeaseToAccepted,
    IReadOnlyDictionary<int, DateTimeOffset> AcceptedAt)
{
    public string PerSilo => string.Join(" ", FramesPerSilo.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key[(p.Key.LastIndexOf(':') + 1)..]}:{p.Value}"));
}

/// <summary>Submits a job, follows it to its end, and reads back its status and history.</summary>
internal static class JobRunner
{
    /// <summary>
    /// Runs <paramref name="job"/> and returns its figures. <paramref name="onProgress"/> sees every status polled
    /// while the job runs (the kill is injected from there); the makespan is the coordinator's own (submitted to last
    /// frame accepted, one silo's clock), so the polling interval does not enter it.
    /// </summary>
    public static async Task<JobRun> RunAsync(
        FarmApi api, BenchJob job, IReadOnlyList<string> expectedHashes, TimeSpan poll, Func<JsonElement, Task>? onProgress = null)
    {
        var id = Guid.NewGuid();
        var from = Clock.Now;
        await api.SubmitAsync(id, job);
        JsonElement status;
        while (true)
        {
            status = await api.StatusAsync(id);
            if (status.GetProperty("phase").GetString() != "Running")
            {
                break;
            }

            if (Clock.Now - from > 180)
            {
                // A job that has not finished in three minutes is broken, not slow: say so rather than wait forever.
                await api.CancelAsync(id);
                throw new TimeoutException($"Job {id} ({job}) did not finish in 180 s: {status.GetProperty("done").GetInt32()} frames done.");
            }

            if (onProgress is not null)
            {
                await onProgress(status);
            }

            await Task.Delay(poll);
        }

        var seen = Clock.Now - from;
        var history = (await api.HistoryAsync(id)).EnumerateArray().Select(e => new
        {
            Kind = e.GetProperty("kind").GetString(),
            Frame = e.GetProperty("frame").GetInt32(),
            Token = e.GetProperty("token").GetInt64(),
            At = e.GetProperty("wallTime").GetDateTimeOffset(),
        }).ToList();
        var submittedAt = status.GetProperty("submittedAt").GetDateTimeOffset();
        var finishedAt = status.GetProperty("finishedAt").GetDateTimeOffset();
        // Leases and acceptances are both stamped by the coordinator, so their difference is one clock's.
        var leased = history.Where(e => e.Kind == FarmEventKinds.Leased).ToDictionary(e => (e.Frame, e.Token), e => e.At);
        var accepted = history.Where(e => e.Kind == FarmEventKinds.Accepted).ToList();
        var latencies = accepted
            .Where(e => leased.ContainsKey((e.Frame, e.Token)))
            .Select(e => (e.At - leased[(e.Frame, e.Token)]).TotalSeconds)
            .ToList();
        var firstLease = leased.Count > 0 ? leased.Values.Min() : finishedAt;
        var frames = status.GetProperty("frames").EnumerateArray().ToList();
        var wrong = frames.Count(f =>
            f.GetProperty("accepts").GetInt32() != 1
            || f.GetProperty("hash").GetString() != expectedHashes[f.GetProperty("frame").GetInt32()]);
        wrong += job.Frames - frames.Count;
        return new JobRun(
            (finishedAt - submittedAt).TotalSeconds,
            (firstLease - submittedAt).TotalSeconds,
            seen,
            status.GetProperty("phase").GetString()!,
            status.GetProperty("framesPerSilo").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()),
            status.GetProperty("coordinatorSilo").GetString()!,
            status.GetProperty("leaseExpiries").GetInt64(),
            status.GetProperty("reexecutions").GetInt64(),
            status.GetProperty("staleRefusals").GetInt64(),
            wrong,
            latencies,
            accepted.GroupBy(e => e.Frame).ToDictionary(g => g.Key, g => g.Min(e => e.At)));
    }
}
