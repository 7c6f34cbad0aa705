using System.Collections.Concurrent;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ServiceDefaults.Tests.Infrastructure;

/// <summary>Records the meter and instrument names of every metric exported to it.</summary>
public sealed class MetricRecorder : BaseExporter<Metric>
{
    private readonly ConcurrentQueue<(string Meter, string Instrument)> _exported = new();

    public IReadOnlyCollection<(string Meter, string Instrument)> Exported => _exported;

    public override ExportResult Export(in Batch<Metric> batch)
    {
        foreach (var metric in batch)
        {
            _exported.Enqueue((metric.MeterName, metric.Name));
        }

        return ExportResult.Success;
    }
}
