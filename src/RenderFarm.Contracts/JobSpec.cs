namespace RenderFarm.Contracts;

/// <summary>
/// What a job renders: <see cref="Frames"/> frames of a Mandelbrot zoom at <see cref="Width"/>×<see cref="Height"/>,
/// each costing up to <see cref="Iterations"/> iterations per pixel. The same spec and frame always render to the same bytes.
/// </summary>
[GenerateSerializer, Alias("farm.JobSpec")]
public sealed record JobSpec(
    [property: Id(0)] string Owner,
    [property: Id(1)] string Name,
    [property: Id(2)] int Frames,
    [property: Id(3)] int Width,
    [property: Id(4)] int Height,
    [property: Id(5)] int Iterations,
    [property: Id(6)] int Priority,
    [property: Id(7)] int LeaseSeconds);
