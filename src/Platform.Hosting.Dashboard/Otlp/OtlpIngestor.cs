using Platform.Hosting.Dashboard.Otlp.Proto;
using Platform.Hosting.Dashboard.Telemetry;

namespace Platform.Hosting.Dashboard.Otlp;

/// <summary>Moves decoded OTLP export requests into the <see cref="TelemetryStore"/>.</summary>
internal sealed partial class OtlpIngestor(TelemetryStore store)
{
    private const string UnknownService = "unknown_service";

    /// <summary>Stores the spans of a request; returns how many were rejected (no valid trace or span id).</summary>
    public long Ingest(ExportTraceServiceRequest request)
    {
        long rejected = 0;
        var spans = new List<SpanEntry>();
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = Resolve(resourceSpans.Resource);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                var scope = scopeSpans.Scope?.Name ?? string.Empty;
                foreach (var span in scopeSpans.Spans)
                {
                    if (span.TraceId.Length != 16 || span.SpanId.Length != 8)
                    {
                        rejected++;
                        continue;
                    }

                    spans.Add(ToSpan(span, resource, scope));
                }
            }
        }

        store.AddSpans(spans);
        return rejected;
    }

    /// <summary>Stores the log records of a request.</summary>
    public long Ingest(ExportLogsServiceRequest request)
    {
        var entries = new List<LogEntry>();
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var resource = Resolve(resourceLogs.Resource);
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                var scope = scopeLogs.Scope?.Name ?? string.Empty;
                foreach (var record in scopeLogs.LogRecords)
                {
                    entries.Add(ToLog(record, resource, scope));
                }
            }
        }

        store.AddLogs(entries);
        return 0;
    }

    /// <summary>Stores the metric points of a request; returns how many were rejected (no data).</summary>
    public long Ingest(ExportMetricsServiceRequest request)
    {
        long rejected = 0;
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = Resolve(resourceMetrics.Resource);
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                var scope = scopeMetrics.Scope?.Name ?? string.Empty;
                foreach (var metric in scopeMetrics.Metrics)
                {
                    rejected += IngestMetric(resource, scope, metric);
                }
            }
        }

        return rejected;
    }

    private TelemetryResource Resolve(Resource? resource)
    {
        if (resource is null)
        {
            return store.GetOrAddResource(UnknownService, null, []);
        }

        var name = OtlpValues.Find(resource.Attributes, "service.name");
        var instance = OtlpValues.Find(resource.Attributes, "service.instance.id");
        return store.GetOrAddResource(
            string.IsNullOrEmpty(name) ? UnknownService : name,
            string.IsNullOrEmpty(instance) ? null : instance,
            OtlpValues.ToTags(resource.Attributes));
    }

    private static SpanEntry ToSpan(Span span, TelemetryResource resource, string scope) => new(
        OtlpValues.ToHex(span.TraceId)!,
        OtlpValues.ToHex(span.SpanId)!,
        OtlpValues.ToHex(span.ParentSpanId),
        span.Name,
        span.Kind switch
        {
            Span.Types.SpanKind.Internal => "Internal",
            Span.Types.SpanKind.Server => "Server",
            Span.Types.SpanKind.Client => "Client",
            Span.Types.SpanKind.Producer => "Producer",
            Span.Types.SpanKind.Consumer => "Consumer",
            _ => "Unspecified",
        },
        resource,
        scope,
        OtlpValues.ToTime(span.StartTimeUnixNano),
        OtlpValues.ToTime(span.EndTimeUnixNano),
        span.Status?.Code switch
        {
            Status.Types.StatusCode.Ok => "Ok",
            Status.Types.StatusCode.Error => "Error",
            _ => "Unset",
        },
        string.IsNullOrEmpty(span.Status?.Message) ? null : span.Status.Message,
        OtlpValues.ToTags(span.Attributes),
        [.. span.Events.Select(e => new SpanEventEntry(e.Name, OtlpValues.ToTime(e.TimeUnixNano), OtlpValues.ToTags(e.Attributes)))],
        [.. span.Links.Select(l => new SpanLinkEntry(OtlpValues.ToHex(l.TraceId) ?? string.Empty, OtlpValues.ToHex(l.SpanId) ?? string.Empty, OtlpValues.ToTags(l.Attributes)))]);

    private static LogEntry ToLog(LogRecord record, TelemetryResource resource, string scope)
    {
        var tags = OtlpValues.ToTags(record.Attributes);
        var time = record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano;
        var severity = (int)record.SeverityNumber;
        return new LogEntry(
            0,
            resource,
            time != 0 ? OtlpValues.ToTime(time) : DateTimeOffset.UtcNow,
            severity,
            LevelOf(severity),
            LogMessageFormatter.Format(OtlpValues.ToText(record.Body), tags),
            OtlpValues.ToHex(record.TraceId),
            OtlpValues.ToHex(record.SpanId),
            scope,
            string.IsNullOrEmpty(record.EventName) ? null : record.EventName,
            tags);
    }

    private static string LevelOf(int severity) => severity switch
    {
        >= 21 => "Critical",
        >= 17 => "Error",
        >= 13 => "Warning",
        >= 9 => "Information",
        >= 5 => "Debug",
        >= 1 => "Trace",
        _ => "None",
    };
}
