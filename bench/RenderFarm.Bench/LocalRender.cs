using System.Diagnostics;
using RenderFarm.Contracts;
using RenderFarm.Grains;

namespace RenderFarm.Bench;

/// <summary>The baseline: the same frames rendered by the same renderer in this one process, with no farm around it.</summary>
internal static class LocalRender
{
    /// <summary>Every frame once on one thread: the frames' expected hashes, and what each costs one core.</summary>
    public static (string[] Hashes, double[] Milliseconds) Sequential(JobSpec spec)
    {
        var hashes = new string[spec.Frames];
        var milliseconds = new double[spec.Frames];
        for (var frame = 0; frame < spec.Frames; frame++)
        {
            var startedAt = Stopwatch.GetTimestamp();
            var png = FractalRenderer.Render(spec, frame);
            milliseconds[frame] = Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds;
            hashes[frame] = FractalRenderer.HashOf(png);
        }

        return (hashes, milliseconds);
    }

    /// <summary>
    /// Every frame by a plain <see cref="Parallel.For(int, int, Action{int})"/> (the thread pool, one worker per core),
    /// hashed as the farm's workers do; returns the seconds it took and throws if a frame came out different.
    /// </summary>
    public static double ParallelFor(JobSpec spec, IReadOnlyList<string> expected)
    {
        var hashes = new string[spec.Frames];
        var startedAt = Stopwatch.GetTimestamp();
        Parallel.For(0, spec.Frames, frame => hashes[frame] = FractalRenderer.HashOf(FractalRenderer.Render(spec, frame)));
        var seconds = Stopwatch.GetElapsedTime(startedAt).TotalSeconds;
        return hashes.SequenceEqual(expected) ? seconds : throw new InvalidOperationException("Parallel.For rendered a frame differently.");
    }
}
