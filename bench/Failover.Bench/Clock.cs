using System.Diagnostics;

namespace Failover.Bench;

/// <summary>One monotonic clock for requests, kills and resource logs: seconds since the bench started.</summary>
internal static class Clock
{
    private static readonly long Start = Stopwatch.GetTimestamp();

    public static double Now => Stopwatch.GetElapsedTime(Start).TotalSeconds;
}
