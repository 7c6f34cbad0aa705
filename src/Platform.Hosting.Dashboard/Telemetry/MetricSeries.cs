namespace Platform.Hosting.Dashboard.Telemetry;

/// <summary>The points of one time series: one instrument with one set of attribute values.</summary>
/// <param name="Attributes">The attributes that distinguish this series.</param>
/// <param name="Points">The points, oldest first.</param>
public sealed record MetricSeries(IReadOnlyList<TelemetryTag> Attributes, IReadOnlyList<MetricPoint> Points);
