namespace RenderFarm.Contracts;

/// <summary>
/// The coordinator of one job (keyed by the job id): it owns the frames' queue, the leases and their fencing tokens,
/// and is the store's gate: a result is written only if its token is not older than the newest lease of its frame.
/// Its state is durable, so a crash of its silo loses no accepted frame.
/// </summary>
[Alias("farm.IJobGrain")]
public interface IJobGrain : IGrainWithGuidKey
{
    /// <summary>Starts the job; repeating it with the same spec is harmless.</summary>
    Task<JobStatus> SubmitAsync(JobSpec spec);

    /// <summary>A frame for <paramref name="worker"/> on <paramref name="silo"/>, or none; <paramref name="lamport"/> is the caller's clock.</summary>
    Task<LeaseReply> TryLeaseAsync(string worker, string silo, long lamport);

    /// <summary>Extends the lease with <paramref name="token"/> on <paramref name="frame"/>; false when it is no longer held.</summary>
    Task<bool> RenewAsync(int frame, long token);

    /// <summary>Offers a rendered frame; stored at most once per frame, and never from a fenced-off token.</summary>
    Task<ResultReply> CompleteAsync(FrameResult result);

    /// <summary>Stops handing out frames; results still in flight are dropped.</summary>
    Task<JobStatus> CancelAsync();

    /// <summary>The job's status.</summary>
    Task<JobStatus> GetStatusAsync();

    /// <summary>
    /// The job's history as the coordinator recorded it, from the <paramref name="from"/>-th event on (a feed's cursor).
    /// Arrival order is not causal order: sort by <see cref="FarmEvent.Lamport"/> for that.
    /// </summary>
    Task<IReadOnlyList<FarmEvent>> GetEventsAsync(int from);
}
