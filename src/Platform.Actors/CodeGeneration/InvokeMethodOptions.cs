namespace Platform.Actors.CodeGeneration;

/// <summary>How a generated request is delivered.</summary>
[Flags]
public enum InvokeMethodOptions
{
    /// <summary>A normal request: the caller awaits the response; the grain runs it as a non-interleaving request.</summary>
    None = 0,

    /// <summary>Fire-and-forget (<see cref="OneWayAttribute"/>).</summary>
    OneWay = 1,

    /// <summary>May interleave with any request (<see cref="AlwaysInterleaveAttribute"/>).</summary>
    AlwaysInterleave = 2,
}
