using System.Diagnostics;

namespace Orleans.Bench;

/// <summary>Closed loops: each caller sends its next call when the last one answered, until the deadline.</summary>
internal static class ClosedLoop
{
    /// <summary>Runs <paramref name="callers"/> loops on the thread pool; <paramref name="caller"/> gives each its call.</summary>
    public static async Task<Measurement> RunAsync(string name, int callers, TimeSpan duration, Func<int, Func<Task>> caller)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = Deadline(started, duration);
        var histograms = await Task.WhenAll(Enumerable.Range(0, callers).Select(i =>
        {
            var call = caller(i);
            return Task.Run(() => LoopAsync(call, deadline));
        }));
        return new Measurement(name, callers, Stopwatch.GetElapsedTime(started), Merge(histograms));
    }

    /// <summary>How long to run a measurement's calls untimed first (JIT, activations, connections): 1 s, less for short runs.</summary>
    public static TimeSpan Warmup(TimeSpan duration) => TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerSecond, duration.Ticks / 5));

    public static long Deadline(long start, TimeSpan duration) => start + (long)(duration.TotalSeconds * Stopwatch.Frequency);

    public static async Task<Histogram> LoopAsync(Func<Task> call, long deadline)
    {
        var histogram = new Histogram();
        var now = Stopwatch.GetTimestamp();
        while (now < deadline)
        {
            await call();
            var done = Stopwatch.GetTimestamp();
            histogram.Record(done - now);
            now = done;

            // Calls that complete synchronously (the direct baseline) would otherwise hold their thread until the
            // deadline and leave the other loops unstarted: let every loop run.
            if ((histogram.Total & 255) == 0)
            {
                await Task.Yield();
                now = Stopwatch.GetTimestamp();
            }
        }

        return histogram;
    }

    public static Histogram Merge(IEnumerable<Histogram> histograms)
    {
        var all = new Histogram();
        foreach (var histogram in histograms)
        {
            all.Add(histogram);
        }

        return all;
    }
}
