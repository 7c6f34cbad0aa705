namespace RenderFarm.Contracts;

/// <summary>A job as its coordinator sees it.</summary>
[GenerateSerializer, Alias("farm.JobStatus")]
public sealed record JobStatus(
    [property: Id(0)] Guid Id,
    [property: Id(1)] JobSpec Spec,
    [property: Id(2)] JobPhase Phase,
    [property: Id(3)] int Done,
    [property: Id(4)] int Leased,
    [property: Id(5)] int Pending,
    [property: Id(6)] IReadOnlyDictionary<string, int> FramesPerSilo,
    [property: Id(7)] IReadOnlyList<FrameStatus> Frames,
    [property: Id(8)] long LeaseExpiries,
    [property: Id(9)] long Reexecutions,
    [property: Id(10)] long StaleRefusals,
    [property: Id(11)] DateTimeOffset SubmittedAt,
    [property: Id(12)] DateTimeOffset? FinishedAt,
    [property: Id(13)] string CoordinatorSilo);
