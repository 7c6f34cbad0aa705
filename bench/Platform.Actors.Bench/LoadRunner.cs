using System.Diagnostics;

namespace Platform.Actors.Bench;

/// <summary>Runs a call in closed loops from N concurrent callers for a fixed time and reports throughput and latency percentiles.</summary>
internal static class LoadRunner
{
    public static async Task<Result> RunAsync(string name, int callers, TimeSpan duration, Func<int, Task> call)
    {
        // Warm up (JIT, tiering, pools) before measuring.
        await RunCoreAsync(callers, TimeSpan.FromMilliseconds(500), call);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var (latencies, elapsed) = await RunCoreAsync(callers, duration, call);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        latencies.Sort();
        return new Result(
            name,
            callers,
            latencies.Count / elapsed.TotalSeconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            latencies.Count == 0 ? 0 : allocated / (double)latencies.Count);
    }

    private static async Task<(List<long> Latencies, TimeSpan Elapsed)> RunCoreAsync(int callers, TimeSpan duration, Func<int, Task> call)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var start = Stopwatch.GetTimestamp();
        var perCaller = await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var latencies = new List<long>(1 << 16);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var before = Stopwatch.GetTimestamp();
                await call(caller);
                latencies.Add(Stopwatch.GetTimestamp() - before);
            }

            return latencies;
        })));
        var elapsed = Stopwatch.GetElapsedTime(start);
        return (perCaller.SelectMany(l => l).ToList(), elapsed);
    }

    private static double Percentile(List<long> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))] * 1_000_000.0 / Stopwatch.Frequency;

    public sealed record Result(string Name, int Callers, double CallsPerSecond, double P50Microseconds, double P99Microseconds, double BytesPerCall);
}
