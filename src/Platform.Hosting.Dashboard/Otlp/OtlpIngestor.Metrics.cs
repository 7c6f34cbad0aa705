using Platform.Hosting.Dashboard.Otlp.Proto;
using Platform.Hosting.Dashboard.Telemetry;

namespace Platform.Hosting.Dashboard.Otlp;

/// <content>Metric conversion: each OTLP data point kind becomes a <see cref="MetricSample"/>.</content>
internal sealed partial class OtlpIngestor
{
    private long IngestMetric(TelemetryResource resource, string scope, Metric metric)
    {
        var points = new List<(IReadOnlyList<TelemetryTag>, MetricSample)>();
        string type;
        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Gauge:
                type = "Gauge";
                points.AddRange(metric.Gauge.DataPoints.Select(Number));
                break;
            case Metric.DataOneofCase.Sum:
                type = metric.Sum.IsMonotonic ? "Counter" : "UpDownCounter";
                points.AddRange(metric.Sum.DataPoints.Select(Number));
                break;
            case Metric.DataOneofCase.Histogram:
                type = "Histogram";
                var cumulative = metric.Histogram.AggregationTemporality == AggregationTemporality.Cumulative;
                points.AddRange(metric.Histogram.DataPoints.Select(p => Explicit(p, cumulative)));
                break;
            case Metric.DataOneofCase.ExponentialHistogram:
                type = "ExponentialHistogram";
                points.AddRange(metric.ExponentialHistogram.DataPoints.Select(Exponential));
                break;
            case Metric.DataOneofCase.Summary:
                type = "Summary";
                points.AddRange(metric.Summary.DataPoints.Select(Summary));
                break;
            default:
                return 1;
        }

        store.AddMetricPoints(resource, new MetricInstrument(scope, metric.Name, metric.Description, metric.Unit, type), points);
        return 0;
    }

    private static (IReadOnlyList<TelemetryTag>, MetricSample) Number(NumberDataPoint point)
    {
        double? value = point.ValueCase switch
        {
            NumberDataPoint.ValueOneofCase.AsDouble => point.AsDouble,
            NumberDataPoint.ValueOneofCase.AsInt => point.AsInt,
            _ => null,
        };
        return (OtlpValues.ToTags(point.Attributes), new MetricSample(OtlpValues.ToTime(point.TimeUnixNano), value));
    }

    private static (IReadOnlyList<TelemetryTag>, MetricSample) Explicit(HistogramDataPoint point, bool cumulative) => (
        OtlpValues.ToTags(point.Attributes),
        new MetricSample(
            OtlpValues.ToTime(point.TimeUnixNano),
            null,
            HistogramMath.FromExplicit(point.ExplicitBounds, point.BucketCounts),
            point.Count,
            point.HasSum ? point.Sum : null,
            point.HasMin ? point.Min : null,
            point.HasMax ? point.Max : null,
            cumulative));

    private static (IReadOnlyList<TelemetryTag>, MetricSample) Exponential(ExponentialHistogramDataPoint point) => (
        OtlpValues.ToTags(point.Attributes),
        new MetricSample(
            OtlpValues.ToTime(point.TimeUnixNano),
            null,
            HistogramMath.FromExponential(
                point.Scale,
                point.ZeroCount,
                point.ZeroThreshold,
                point.Positive?.Offset ?? 0,
                point.Positive?.BucketCounts ?? [],
                point.Negative?.Offset ?? 0,
                point.Negative?.BucketCounts ?? []),
            point.Count,
            point.HasSum ? point.Sum : null,
            point.HasMin ? point.Min : null,
            point.HasMax ? point.Max : null));

    private static (IReadOnlyList<TelemetryTag>, MetricSample) Summary(SummaryDataPoint point) => (
        OtlpValues.ToTags(point.Attributes),
        new MetricSample(
            OtlpValues.ToTime(point.TimeUnixNano),
            null,
            Count: point.Count,
            Sum: point.Sum,
            Quantiles: [.. point.QuantileValues.Select(q => (q.Quantile, q.Value))]));
}
