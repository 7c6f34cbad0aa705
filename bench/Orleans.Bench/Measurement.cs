namespace Orleans.Bench;

/// <summary>One closed-loop run: the operations that finished in how long, their latencies, and how many of them failed.</summary>
internal sealed record Measurement(string Name, int Callers, TimeSpan Elapsed, Histogram Latency, long Failures = 0)
{
    /// <summary>Successful operations per second (failed ones count in the latencies, not here).</summary>
    public double PerSecond => (Latency.Total - Failures) / Elapsed.TotalSeconds;

    public double P50 => Latency.Milliseconds(0.50);

    public double P99 => Latency.Milliseconds(0.99);
}
