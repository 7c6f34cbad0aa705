namespace Platform.Hosting.Dashboard.Telemetry;

/// <summary>One histogram bucket: values in (<paramref name="Lower"/>, <paramref name="Upper"/>].</summary>
/// <param name="Lower">The exclusive lower bound (may be -∞).</param>
/// <param name="Upper">The inclusive upper bound (may be +∞).</param>
/// <param name="Count">How many values fell in the bucket.</param>
internal readonly record struct HistogramBucket(double Lower, double Upper, ulong Count);
