namespace RenderFarm.Contracts;

/// <summary>
/// One step of a job's history. Histories are ordered by (<see cref="Lamport"/>, <see cref="Origin"/>), a logical clock
/// that respects causality; <see cref="WallTime"/> is the origin silo's own clock, shown but never used for ordering.
/// </summary>
[GenerateSerializer, Alias("farm.FarmEvent")]
public sealed record FarmEvent(
    [property: Id(0)] long Lamport,
    [property: Id(1)] string Origin,
    [property: Id(2)] string Kind,
    [property: Id(3)] int Frame,
    [property: Id(4)] long Token,
    [property: Id(5)] string? Worker,
    [property: Id(6)] DateTimeOffset WallTime);

/// <summary>The kinds of <see cref="FarmEvent"/>.</summary>
public static class FarmEventKinds
{
    /// <summary>The job was submitted.</summary>
    public const string Submitted = "submitted";

    /// <summary>A lease was handed to a worker.</summary>
    public const string Leased = "leased";

    /// <summary>A lease ran out without renewal; the frame goes back to the queue.</summary>
    public const string Expired = "expired";

    /// <summary>A worker finished rendering (stamped by the worker's silo).</summary>
    public const string Rendered = "rendered";

    /// <summary>The frame's result was accepted.</summary>
    public const string Accepted = "accepted";

    /// <summary>A result with a fenced-off token was refused.</summary>
    public const string Refused = "refused";

    /// <summary>
    /// A renewal under a lease the coordinator no longer holds (it ran out, was fenced off by a newer lease, lost to a
    /// straggler's copy, or died with an earlier activation) was refused: the holder is told to stop rendering.
    /// </summary>
    public const string Revoked = "revoked";

    /// <summary>A second copy of an accepted frame arrived and was dropped.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>The last frame was accepted.</summary>
    public const string Completed = "completed";

    /// <summary>The job was cancelled.</summary>
    public const string Cancelled = "cancelled";
}
