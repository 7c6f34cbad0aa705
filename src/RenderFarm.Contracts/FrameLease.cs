namespace RenderFarm.Contracts;

/// <summary>
/// One frame handed to one worker until <see cref="LeaseSeconds"/> pass without a renewal. <see cref="Token"/> is the
/// fencing token: it only grows, and a result carrying a token older than the newest lease issued for the frame is refused.
/// </summary>
[GenerateSerializer, Alias("farm.FrameLease")]
public sealed record FrameLease(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] int Frame,
    [property: Id(2)] long Token,
    [property: Id(3)] JobSpec Spec,
    [property: Id(4)] int LeaseSeconds,
    [property: Id(5)] long Lamport,
    [property: Id(6)] string? TraceParent,
    [property: Id(7)] bool Speculative);
