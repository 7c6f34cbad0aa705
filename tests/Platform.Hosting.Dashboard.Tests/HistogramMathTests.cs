using Platform.Hosting.Dashboard.Telemetry;

namespace Platform.Hosting.Dashboard.Tests;

public sealed class HistogramMathTests
{
    [Fact]
    public void Percentile_UniformBuckets_InterpolatesInsideTheBucket()
    {
        var buckets = HistogramMath.FromExplicit([10, 20, 30, 40], [0UL, 10, 10, 10, 10]);

        Assert.Equal(20, HistogramMath.Percentile(buckets, 0.25, null, null));
        Assert.Equal(30, HistogramMath.Percentile(buckets, 0.5, null, null));
        Assert.Equal(38, HistogramMath.Percentile(buckets, 0.7, null, null)!.Value, 6);

        // The overflow bucket has no upper bound and no recorded max: the estimate stops at its lower bound.
        Assert.Equal(40, HistogramMath.Percentile(buckets, 0.99, null, null));
    }

    [Fact]
    public void Percentile_ValuesInTheOverflowBucket_AreBoundedByTheRecordedMax()
    {
        var buckets = HistogramMath.FromExplicit([10], [0UL, 4]);

        var p99 = HistogramMath.Percentile(buckets, 0.99, min: 12, max: 50);

        Assert.InRange(p99!.Value, 12, 50);
    }

    [Fact]
    public void Percentile_NoCounts_IsNull()
    {
        Assert.Null(HistogramMath.Percentile(HistogramMath.FromExplicit([1, 2], [0UL, 0, 0]), 0.5, null, null));
    }

    [Fact]
    public void FromExplicit_MismatchedCounts_YieldsNoBuckets()
    {
        Assert.Empty(HistogramMath.FromExplicit([1, 2], [1UL, 2]));
    }

    [Fact]
    public void FromExponential_ScaleZero_UsesPowersOfTwo()
    {
        var buckets = HistogramMath.FromExponential(scale: 0, zeroCount: 0, zeroThreshold: 0, positiveOffset: 1, positive: [5UL, 5], negativeOffset: 0, negative: []);

        Assert.Equal([(2.0, 4.0), (4.0, 8.0)], buckets.Select(b => (b.Lower, b.Upper)));
        Assert.Equal(4, HistogramMath.Percentile(buckets, 0.5, null, null));
    }
}
