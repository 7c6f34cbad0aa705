namespace Platform.Hosting.Dashboard.Telemetry;

/// <summary>One decoded data point on its way into the store, before percentiles are estimated.</summary>
/// <param name="Time">When the value was taken.</param>
/// <param name="Value">The number of a gauge or sum, else null.</param>
/// <param name="Buckets">For histograms: each bucket's upper bound and count, ascending (the last bound is +∞), else null.</param>
/// <param name="Count">The histogram or summary count, else null.</param>
/// <param name="Sum">The histogram or summary sum, else null.</param>
/// <param name="Min">The smallest recorded value, when the sender knows it.</param>
/// <param name="Max">The largest recorded value, when the sender knows it.</param>
/// <param name="Cumulative">True when counts grow from a fixed start, so the interval is the difference to the previous point.</param>
/// <param name="Quantiles">For summaries: the sender's own quantiles (quantile, value), else null.</param>
internal sealed record MetricSample(
    DateTimeOffset Time,
    double? Value,
    IReadOnlyList<HistogramBucket>? Buckets = null,
    ulong? Count = null,
    double? Sum = null,
    double? Min = null,
    double? Max = null,
    bool Cumulative = false,
    IReadOnlyList<(double Quantile, double Value)>? Quantiles = null);
