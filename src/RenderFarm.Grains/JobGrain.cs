using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderFarm.Contracts;

namespace RenderFarm.Grains;

/// <summary>
/// The coordinator of one job. Frames are handed out as leases, each with a fencing token from a counter that only
/// grows; a frame whose lease ran out is handed out again under a newer token, which becomes the frame's fence, and a
/// result below the fence is refused. Leases live in memory; tokens are reserved in blocks in durable state, and a
/// new activation (after its silo crashed) revokes every lease it cannot vouch for by raising all open frames' fences.
/// </summary>
[GrainType("farm.job")]
internal sealed partial class JobGrain(
    [PersistentState("job", FarmOptions.StorageName)] IPersistentState<JobGrainState> state,
    LamportClock clock,
    FarmMetrics metrics,
    FarmSilo silo,
    FarmClock time,
    IOptions<FarmOptions> options,
    ILogger<JobGrain> logger) : Grain, IJobGrain
{
    private readonly Dictionary<int, List<LiveLease>> _leases = [];
    private long _nextToken;
    private int _cursor;
    private IGrainTimer? _expiryScan;

    private JobGrainState S => state.State;

    private Guid JobId => this.GetPrimaryKey();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        clock.Witness(S.Lamport);
        // Tokens below TokensReserved may have been handed out by an earlier activation, to holders this one does not
        // know: start above them, and fence every open frame there, so those holders' results are refused.
        _nextToken = S.TokensReserved;
        foreach (var frame in S.Frames.Where(f => !f.Done))
        {
            frame.Fence = _nextToken;
        }

        if (S.Phase == JobPhase.Running)
        {
            StartExpiryScan();
        }

        return Task.CompletedTask;
    }

    public async Task<JobStatus> SubmitAsync(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (S.Phase != JobPhase.None)
        {
            return Status();
        }

        S.Spec = spec;
        S.Phase = JobPhase.Running;
        S.SubmittedAt = time.Now;
        S.TraceParent = Activity.Current?.Id;
        S.Frames = [.. Enumerable.Range(0, spec.Frames).Select(_ => new FrameRecord())];
        Record(FarmEventKinds.Submitted, -1, 0, null);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IJobIndexGrain>(spec.Owner).AddAsync(JobId);
        await GrainFactory.GetGrain<IJobIndexGrain>(IJobIndexGrain.All).AddAsync(JobId);
        // The scheduler never calls a job before it is registered, so this call cannot wait on a call into this grain.
        await GrainFactory.GetGrain<ISchedulerGrain>(0).RegisterAsync(JobId, spec.Priority);
        StartExpiryScan();
        LogSubmitted(logger, JobId, spec.Owner, spec.Frames);
        return Status();
    }

    public async Task<LeaseReply> TryLeaseAsync(string worker, string workerSilo, long lamport)
    {
        clock.Witness(lamport);
        if (S.Phase != JobPhase.Running)
        {
            return new LeaseReply(null, true, 0, 0, clock.Tick());
        }

        var now = time.Now;
        ExpireLeases(now);
        var (frame, speculative) = NextFrame(worker, now);
        if (frame < 0)
        {
            return new LeaseReply(null, false, 0, RunningCount(), clock.Tick());
        }

        var token = await IssueTokenAsync();
        var record = S.Frames[frame];
        if (!speculative)
        {
            // The newest lease after the earlier ones were lost: results under older tokens are fenced off from now on.
            record.Fence = token;
        }

        if (record.Attempts > 0)
        {
            S.Reexecutions++;
            metrics.Reexecuted(speculative ? "straggler" : "lease-lost");
        }

        record.Attempts++;
        var spec = S.Spec!;
        var lease = new LiveLease(token, worker, workerSilo, now, now.AddSeconds(spec.LeaseSeconds), speculative);
        LeasesOf(frame).Add(lease);
        var at = Record(FarmEventKinds.Leased, frame, token, worker);
        return new LeaseReply(
            new FrameLease(JobId, frame, token, spec, spec.LeaseSeconds, at, S.TraceParent, speculative),
            false, PendingCount(), RunningCount(), at);
    }

    public Task<bool> RenewAsync(int frame, long token)
    {
        if (S.Phase != JobPhase.Running || frame < 0 || frame >= S.Frames.Count)
        {
            return Task.FromResult(false);
        }

        var index = _leases.TryGetValue(frame, out var leases) ? leases.FindIndex(l => l.Token == token) : -1;
        if (index < 0)
        {
            // A stale holder (its lease ran out, or the frame went to a newer lease): recorded, so a paused worker's
            // attempt to carry on is visible in the history and the status, not only its result's refusal.
            S.Frames[frame].RenewalsRefused++;
            Record(FarmEventKinds.Revoked, frame, token, null);
            return Task.FromResult(false);
        }

        leases![index] = leases[index] with { Expires = time.Now.AddSeconds(S.Spec!.LeaseSeconds) };
        return Task.FromResult(true);
    }

    public async Task<ResultReply> CompleteAsync(FrameResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        clock.Witness(result.Lamport);
        if (S.Phase == JobPhase.None || result.Frame < 0 || result.Frame >= S.Frames.Count)
        {
            return new ResultReply(ResultOutcome.Invalid, clock.Tick());
        }

        // The worker's own stamp: its silo's logical time and wall clock, which orders before what follows here.
        S.Events.Add(new FarmEvent(result.Lamport, result.Silo, FarmEventKinds.Rendered, result.Frame, result.Token, result.Worker, result.RenderedAt));
        var record = S.Frames[result.Frame];
        RemoveLease(result.Frame, result.Token);
        if (S.Phase == JobPhase.Cancelled)
        {
            return new ResultReply(ResultOutcome.Cancelled, clock.Tick());
        }

        if (result.Token < record.Fence)
        {
            record.Refused++;
            S.StaleRefusals++;
            metrics.Refused();
            LogRefused(logger, JobId, result.Frame, result.Token, record.Fence, result.Worker);
            return new ResultReply(ResultOutcome.Stale, Record(FarmEventKinds.Refused, result.Frame, result.Token, result.Worker));
        }

        if (record.Done)
        {
            return new ResultReply(ResultOutcome.Duplicate, Record(FarmEventKinds.Duplicate, result.Frame, result.Token, result.Worker));
        }

        if (FractalRenderer.HashOf(result.Png) != result.Hash)
        {
            return new ResultReply(ResultOutcome.Invalid, clock.Tick());
        }

        if (!await GrainFactory.GetGrain<IFrameGrain>(IFrameGrain.KeyOf(JobId, result.Frame)).StoreAsync(result.Token, result.Hash, result.Png))
        {
            return new ResultReply(ResultOutcome.Stale, Record(FarmEventKinds.Refused, result.Frame, result.Token, result.Worker));
        }

        record.Done = true;
        record.Accepts++;
        record.Token = result.Token;
        record.Worker = result.Worker;
        record.Silo = result.Silo;
        record.Hash = result.Hash;
        record.RenderMilliseconds = result.RenderMilliseconds;
        _leases.Remove(result.Frame);   // a straggler's other copy will hear "duplicate"
        var at = Record(FarmEventKinds.Accepted, result.Frame, result.Token, result.Worker);
        if (S.Frames.TrueForAll(f => f.Done))
        {
            S.Phase = JobPhase.Completed;
            S.FinishedAt = time.Now;
            at = Record(FarmEventKinds.Completed, -1, 0, null);
            StopExpiryScan();
        }

        await state.WriteStateAsync();
        metrics.Accepted();
        return new ResultReply(ResultOutcome.Accepted, at);
    }

    public async Task<JobStatus> CancelAsync()
    {
        if (S.Phase == JobPhase.Running)
        {
            S.Phase = JobPhase.Cancelled;
            S.FinishedAt = time.Now;
            _leases.Clear();
            Record(FarmEventKinds.Cancelled, -1, 0, null);
            StopExpiryScan();
            await state.WriteStateAsync();
        }

        return Status();
    }

    public Task<JobStatus> GetStatusAsync() => Task.FromResult(Status());

    public Task<IReadOnlyList<FarmEvent>> GetEventsAsync(int from) =>
        Task.FromResult<IReadOnlyList<FarmEvent>>(from >= S.Events.Count ? [] : S.Events[Math.Max(from, 0)..]);

    private async Task<long> IssueTokenAsync()
    {
        if (_nextToken >= S.TokensReserved)
        {
            // Reserve a block durably before issuing from it: no activation ever issues a token twice.
            S.TokensReserved = _nextToken + Math.Max(1, options.Value.TokenBlock);
            await state.WriteStateAsync();
        }

        return _nextToken++;
    }

    /// <summary>
    /// The lowest open frame nobody holds; when there is none, a straggler: a frame held by one lease for far longer
    /// than the job's median frame took, copied to a worker of another silo (the first result wins).
    /// </summary>
    private (int Frame, bool Speculative) NextFrame(string worker, DateTimeOffset now)
    {
        for (var i = 0; i < S.Frames.Count; i++)
        {
            var frame = (_cursor + i) % S.Frames.Count;
            if (!S.Frames[frame].Done && HeldCount(frame) == 0)
            {
                _cursor = frame + 1;
                return (frame, false);
            }
        }

        var finished = S.Frames.Where(f => f.Done).Select(f => f.RenderMilliseconds).Order().ToArray();
        if (finished.Length < 3)
        {
            return (-1, false);
        }

        var threshold = TimeSpan.FromMilliseconds(Math.Max(
            finished[finished.Length / 2] * options.Value.StragglerFactor, options.Value.StragglerMinimumSeconds * 1000));
        foreach (var (frame, leases) in _leases)
        {
            if (leases is [var only] && now - only.Started > threshold && only.Worker != worker)
            {
                return (frame, true);
            }
        }

        return (-1, false);
    }

    private void ExpireLeases(DateTimeOffset now)
    {
        foreach (var (frame, leases) in _leases)
        {
            var expired = leases.RemoveAll(l => l.Expires <= now);
            for (var i = 0; i < expired; i++)
            {
                S.LeaseExpiries++;
                metrics.LeaseExpired();
                Record(FarmEventKinds.Expired, frame, S.Frames[frame].Fence, null);
            }
        }
    }

    private void StartExpiryScan()
    {
        var period = TimeSpan.FromMilliseconds(options.Value.ExpiryScanMilliseconds);
        _expiryScan ??= this.RegisterGrainTimer(
            _ =>
            {
                ExpireLeases(time.Now);
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(period, period) { KeepAlive = true });
    }

    private void StopExpiryScan()
    {
        _expiryScan?.Dispose();
        _expiryScan = null;
    }

    private List<LiveLease> LeasesOf(int frame)
    {
        if (!_leases.TryGetValue(frame, out var leases))
        {
            _leases[frame] = leases = [];
        }

        return leases;
    }

    private int HeldCount(int frame) => _leases.TryGetValue(frame, out var leases) ? leases.Count : 0;

    private void RemoveLease(int frame, long token)
    {
        if (_leases.TryGetValue(frame, out var leases))
        {
            leases.RemoveAll(l => l.Token == token);
        }
    }

    private int RunningCount() => _leases.Values.Sum(l => l.Count);

    private int PendingCount() => S.Frames.Count(f => !f.Done) - _leases.Count(l => l.Value.Count > 0);

    private long Record(string kind, int frame, long token, string? worker)
    {
        var at = clock.Tick();
        S.Lamport = at;
        S.Events.Add(new FarmEvent(at, silo.Name, kind, frame, token, worker, time.Now));
        return at;
    }

    private JobStatus Status()
    {
        var frames = S.Frames.Select((f, i) => new FrameStatus(
            i,
            f.Done ? "done" : HeldCount(i) > 0 ? "leased" : "pending",
            f.Worker,
            f.Silo,
            f.Token,
            f.Fence,
            f.Attempts,
            f.Accepts,
            f.Refused,
            f.Hash,
            _leases.TryGetValue(i, out var held) ? [.. held.Select(l => l.Worker)] : [],
            f.RenewalsRefused)).ToArray();
        var perSilo = S.Frames.Where(f => f.Done).GroupBy(f => f.Silo!).ToDictionary(g => g.Key, g => g.Count());
        return new JobStatus(
            JobId,
            S.Spec ?? new JobSpec("", "", 0, 0, 0, 0, 0, 0),
            S.Phase,
            S.Frames.Count(f => f.Done),
            frames.Count(f => f.State == "leased"),
            frames.Count(f => f.State == "pending"),
            perSilo,
            frames,
            S.LeaseExpiries,
            S.Reexecutions,
            S.StaleRefusals,
            S.SubmittedAt,
            S.FinishedAt,
            silo.Name);
    }

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Job {JobId} of '{Owner}' submitted: {Frames} frames.")]
    private static partial void LogSubmitted(ILogger logger, Guid jobId, string owner, int frames);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Warning,
        Message = "Job {JobId} frame {Frame}: refused the result of {Worker} under token {Token}; the frame's fence is {Fence} (its lease was lost and the frame handed out again).")]
    private static partial void LogRefused(ILogger logger, Guid jobId, int frame, long token, long fence, string worker);

    private sealed record LiveLease(long Token, string Worker, string Silo, DateTimeOffset Started, DateTimeOffset Expires, bool Speculative);
}
