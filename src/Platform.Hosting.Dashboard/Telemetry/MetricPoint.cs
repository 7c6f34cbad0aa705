namespace Platform.Hosting.Dashboard.Telemetry;

/// <summary>One observation of a series.</summary>
/// <param name="Time">When the value was taken.</param>
/// <param name="Value">The number for gauges and sums; the estimated median for histograms and summaries (null when no values fell in the interval).</param>
/// <param name="Count">The number of recorded values (histograms and summaries), else null.</param>
/// <param name="Sum">The sum of recorded values (histograms and summaries), else null.</param>
/// <param name="P50">The estimated 50th percentile over the interval since the previous point (histograms and summaries), else null.</param>
/// <param name="P90">The estimated 90th percentile, as <paramref name="P50"/>.</param>
/// <param name="P99">The estimated 99th percentile, as <paramref name="P50"/>.</param>
public sealed record MetricPoint(DateTimeOffset Time, double? Value, ulong? Count, double? Sum, double? P50, double? P90, double? P99);
