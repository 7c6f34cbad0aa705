namespace Platform.Hosting.Dashboard.Telemetry;

/// <summary>Percentile estimates from bucket counts, the way Prometheus' histogram_quantile does it.</summary>
internal static class HistogramMath
{
    /// <summary>Turns explicit bounds and counts (one more count than bounds) into buckets.</summary>
    public static HistogramBucket[] FromExplicit(IReadOnlyList<double> bounds, IReadOnlyList<ulong> counts)
    {
        if (counts.Count == 0 || counts.Count != bounds.Count + 1)
        {
            return [];
        }

        var buckets = new HistogramBucket[counts.Count];
        for (var i = 0; i < counts.Count; i++)
        {
            var lower = i == 0 ? double.NegativeInfinity : bounds[i - 1];
            var upper = i == bounds.Count ? double.PositiveInfinity : bounds[i];
            buckets[i] = new HistogramBucket(lower, upper, counts[i]);
        }

        return buckets;
    }

    /// <summary>Turns an exponential histogram (base 2^(2^-scale)) into ascending buckets.</summary>
    public static HistogramBucket[] FromExponential(
        int scale, ulong zeroCount, double zeroThreshold, int positiveOffset, IReadOnlyList<ulong> positive, int negativeOffset, IReadOnlyList<ulong> negative)
    {
        // Scales outside the protocol's range would make Math.Pow overflow to nonsense; there is nothing to estimate.
        if (scale is < -10 or > 20)
        {
            return [];
        }

        var @base = Math.Pow(2, Math.Pow(2, -scale));
        var buckets = new List<HistogramBucket>(positive.Count + negative.Count + 1);
        for (var i = negative.Count - 1; i >= 0; i--)
        {
            var index = negativeOffset + i;
            buckets.Add(new HistogramBucket(-Math.Pow(@base, index + 1), -Math.Pow(@base, index), negative[i]));
        }

        if (zeroCount > 0)
        {
            buckets.Add(new HistogramBucket(-zeroThreshold, zeroThreshold, zeroCount));
        }

        for (var i = 0; i < positive.Count; i++)
        {
            var index = positiveOffset + i;
            buckets.Add(new HistogramBucket(Math.Pow(@base, index), Math.Pow(@base, index + 1), positive[i]));
        }

        return [.. buckets];
    }

    /// <summary>The counts of <paramref name="current"/> minus <paramref name="previous"/>, or null when they are not comparable (a reset or new bounds).</summary>
    public static HistogramBucket[]? Difference(IReadOnlyList<HistogramBucket> current, IReadOnlyList<HistogramBucket> previous)
    {
        if (current.Count != previous.Count)
        {
            return null;
        }

        var result = new HistogramBucket[current.Count];
        for (var i = 0; i < current.Count; i++)
        {
            if (current[i].Upper != previous[i].Upper || current[i].Count < previous[i].Count)
            {
                return null;
            }

            result[i] = current[i] with { Count = current[i].Count - previous[i].Count };
        }

        return result;
    }

    /// <summary>Estimates the <paramref name="quantile"/> (0..1) by linear interpolation inside the bucket that holds it; null when the buckets are empty.</summary>
    public static double? Percentile(IReadOnlyList<HistogramBucket> buckets, double quantile, double? min, double? max)
    {
        ulong total = 0;
        foreach (var bucket in buckets)
        {
            total += bucket.Count;
        }

        if (total == 0)
        {
            return null;
        }

        var rank = quantile * total;
        double seen = 0;
        for (var i = 0; i < buckets.Count; i++)
        {
            var bucket = buckets[i];
            if (bucket.Count == 0 || seen + bucket.Count < rank)
            {
                seen += bucket.Count;
                continue;
            }

            // Open-ended buckets borrow the recorded min/max, or the neighbouring bound, so the estimate stays finite.
            var lower = double.IsNegativeInfinity(bucket.Lower) ? Math.Min(min ?? Math.Min(0, bucket.Upper), bucket.Upper) : bucket.Lower;
            var upper = double.IsPositiveInfinity(bucket.Upper) ? Math.Max(max ?? bucket.Lower, lower) : bucket.Upper;
            var estimate = lower + ((upper - lower) * ((rank - seen) / bucket.Count));
            if (min is { } lo && estimate < lo)
            {
                estimate = lo;
            }

            if (max is { } hi && estimate > hi)
            {
                estimate = hi;
            }

            return estimate;
        }

        return max;
    }
}
