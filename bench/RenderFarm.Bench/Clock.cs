using System.Diagnostics;

namespace RenderFarm.Bench;

/// <summary>Seconds since the bench started, from the monotonic clock: the one time line for the bench's own stamps.</summary>
internal static class Clock
{
    private static readonly long Start = Stopwatch.GetTimestamp();

    public static double Now => Stopwatch.GetElapsedTime(Start).TotalSeconds;
}
