namespace RenderFarm.Contracts;

/// <summary>
/// The farm's scheduler (one, key 0): workers pull from it when a slot frees. It picks the job with the highest
/// priority that has work, and between equal priorities the one with the fewest frames running (fair share).
/// </summary>
[Alias("farm.ISchedulerGrain")]
public interface ISchedulerGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a submitted job to the queue; repeating it is harmless.</summary>
    Task RegisterAsync(Guid jobId, int priority);

    /// <summary>The next frame for <paramref name="worker"/>, or null when there is no work.</summary>
    Task<FrameLease?> LeaseAsync(string worker, string silo, long lamport);

    /// <summary>The jobs in the queue and the frames waiting, for metrics and the API.</summary>
    Task<QueueStatus> GetQueueAsync();
}

/// <summary>
/// The scheduler's queue: active jobs in submission order, the frames waiting to be handed out, and the silo the
/// scheduler runs on (every lease passes through it, so a fault there stalls the whole farm until it moves).
/// </summary>
[GenerateSerializer, Alias("farm.QueueStatus")]
public sealed record QueueStatus(
    [property: Id(0)] IReadOnlyList<Guid> Jobs,
    [property: Id(1)] int PendingFrames,
    [property: Id(2)] string Silo);
