using System.Diagnostics;
using System.Numerics;

namespace Orleans.Bench;

/// <summary>
/// Latencies in Stopwatch ticks, in log-linear buckets (64 per power of two, so a percentile is within 1.6 % of the
/// truth): millions of calls per second cannot each keep a sample, and a caller grain can send its buckets back.
/// </summary>
[GenerateSerializer]
internal sealed class Histogram
{
    private const int SubBits = 6;
    private const int Sub = 1 << SubBits;

    [Id(0)]
    public long[] Counts { get; set; } = new long[64 * Sub];

    [Id(1)]
    public long Total { get; set; }

    public void Record(long ticks)
    {
        Counts[Index(ticks)]++;
        Total++;
    }

    public void Add(Histogram other)
    {
        for (var i = 0; i < Counts.Length; i++)
        {
            Counts[i] += other.Counts[i];
        }

        Total += other.Total;
    }

    /// <summary>The latency at quantile <paramref name="q"/>, in milliseconds (the middle of its bucket).</summary>
    public double Milliseconds(double q)
    {
        var target = Math.Max(1, (long)Math.Ceiling(q * Total));
        long seen = 0;
        for (var i = 0; i < Counts.Length; i++)
        {
            seen += Counts[i];
            if (seen >= target)
            {
                var (low, high) = Bounds(i);
                return (low + high) / 2.0 * 1000 / Stopwatch.Frequency;
            }
        }

        return double.NaN;
    }

    // Values below 64 ticks are exact; above, the top 7 bits pick the bucket.
    private static int Index(long ticks)
    {
        if (ticks < Sub)
        {
            return (int)Math.Max(0, ticks);
        }

        var shift = 63 - BitOperations.LeadingZeroCount((ulong)ticks) - SubBits;
        return ((shift + 1) << SubBits) + (int)((ticks >> shift) & (Sub - 1));
    }

    private static (long Low, long High) Bounds(int index)
    {
        if (index < Sub)
        {
            return (index, index);
        }

        var shift = (index >> SubBits) - 1;
        var mantissa = (long)((index & (Sub - 1)) + Sub);
        return (mantissa << shift, ((mantissa + 1) << shift) - 1);
    }
}
