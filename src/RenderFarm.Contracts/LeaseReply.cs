namespace RenderFarm.Contracts;

/// <summary>A coordinator's answer to "a frame for this worker?": a lease, or why not, and how much work is left.</summary>
[GenerateSerializer, Alias("farm.LeaseReply")]
public sealed record LeaseReply(
    [property: Id(0)] FrameLease? Lease,
    [property: Id(1)] bool Finished,
    [property: Id(2)] int Pending,
    [property: Id(3)] int Running,
    [property: Id(4)] long Lamport);
