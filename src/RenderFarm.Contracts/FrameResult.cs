namespace RenderFarm.Contracts;

/// <summary>
/// A worker's rendered frame, sent with the lease's fencing token. <see cref="Lamport"/> is the worker silo's logical
/// clock when rendering ended; <see cref="RenderedAt"/> its wall clock, which other silos' clocks need not agree with.
/// </summary>
[GenerateSerializer, Alias("farm.FrameResult")]
public sealed record FrameResult(
    [property: Id(0)] int Frame,
    [property: Id(1)] long Token,
    [property: Id(2)] string Worker,
    [property: Id(3)] string Silo,
    [property: Id(4)] string Hash,
    [property: Id(5)] byte[] Png,
    [property: Id(6)] long Lamport,
    [property: Id(7)] DateTimeOffset RenderedAt,
    [property: Id(8)] double RenderMilliseconds);
