using Microsoft.Extensions.Logging;
using RenderFarm.Contracts;

namespace RenderFarm.Grains;

/// <summary>
/// Answers a worker's "next frame?" by asking the jobs' coordinators in order: highest priority first (a lower
/// priority gets a slot only when no higher job has a frame waiting); between equal priorities, the job with the
/// fewest frames running, then the one served longest ago (fair share). Which jobs are active is durable; how many
/// frames each runs is soft state, refreshed by every answer.
/// </summary>
[GrainType("farm.scheduler")]
internal sealed partial class SchedulerGrain(
    [PersistentState("scheduler", FarmOptions.StorageName)] IPersistentState<SchedulerState> state,
    LamportClock clock,
    FarmMetrics metrics,
    FarmClock time,
    FarmSilo silo,
    ILogger<SchedulerGrain> logger) : Grain, ISchedulerGrain
{
    // A job whose every frame is out is asked again after this, for straggler copies and expired leases.
    private static readonly TimeSpan RecheckIdleJob = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<Guid, Load> _load = [];
    private long _served;

    public async Task RegisterAsync(Guid jobId, int priority)
    {
        if (state.State.Jobs.Exists(j => j.Id == jobId))
        {
            return;
        }

        state.State.Jobs.Add(new ScheduledJob(jobId, priority, ++state.State.Submissions));
        await state.WriteStateAsync();
    }

    public async Task<FrameLease?> LeaseAsync(string worker, string silo, long lamport)
    {
        clock.Witness(lamport);
        var now = time.Now;
        var order = state.State.Jobs
            .OrderByDescending(j => j.Priority)
            .ThenBy(j => LoadOf(j.Id).Running)
            .ThenBy(j => LoadOf(j.Id).LastServed)
            .ThenBy(j => j.Submission)
            .ToArray();
        var finished = new List<Guid>();
        FrameLease? lease = null;
        foreach (var job in order)
        {
            var load = LoadOf(job.Id);
            if (load.Pending == 0 && now - load.CheckedAt < RecheckIdleJob)
            {
                continue;
            }

            LeaseReply reply;
            try
            {
                reply = await GrainFactory.GetGrain<IJobGrain>(job.Id).TryLeaseAsync(worker, silo, clock.Tick());
            }
            catch (Exception e) when (e is TimeoutException or SiloUnavailableException or OrleansException)
            {
                // Its coordinator is moving (its silo died): the others still get served; it is asked again soon.
                LogCoordinatorUnavailable(logger, job.Id, e);
                load.CheckedAt = now;
                continue;
            }

            clock.Witness(reply.Lamport);
            load.Pending = reply.Pending;
            load.Running = reply.Running;
            load.CheckedAt = now;
            if (reply.Finished)
            {
                finished.Add(job.Id);
            }
            else if (reply.Lease is not null)
            {
                load.LastServed = ++_served;
                lease = reply.Lease;
                break;
            }
        }

        if (finished.Count > 0)
        {
            state.State.Jobs.RemoveAll(j => finished.Contains(j.Id));
            finished.ForEach(id => _load.Remove(id));
            await state.WriteStateAsync();
        }

        metrics.QueueLength(_load.Values.Sum(l => l.Pending));
        return lease;
    }

    public Task<QueueStatus> GetQueueAsync() =>
        Task.FromResult(new QueueStatus([.. state.State.Jobs.Select(j => j.Id)], _load.Values.Sum(l => l.Pending), silo.Name));

    private Load LoadOf(Guid job)
    {
        if (!_load.TryGetValue(job, out var load))
        {
            _load[job] = load = new Load { Pending = -1 };
        }

        return load;
    }

    [LoggerMessage(EventId = 8201, Level = LogLevel.Information, Message = "The coordinator of job {JobId} did not answer; asking the next job.")]
    private static partial void LogCoordinatorUnavailable(ILogger logger, Guid jobId, Exception error);

    private sealed class Load
    {
        public int Pending { get; set; }

        public int Running { get; set; }

        public long LastServed { get; set; }

        public DateTimeOffset CheckedAt { get; set; }
    }
}
