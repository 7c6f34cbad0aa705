using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;
using Platform.Hosting.Dashboard.Telemetry;

namespace Platform.Hosting.Dashboard.Web;

/// <summary>Structured logs and traces from the <see cref="TelemetryStore"/>, filtered on the server so pages stay light.</summary>
internal static class TelemetryApi
{
    private const int DefaultLimit = 500;
    private const int MaxLimit = 5_000;

    private static readonly string[] Levels = ["Trace", "Debug", "Information", "Warning", "Error", "Critical"];

    public static void Map(IEndpointRouteBuilder app, TelemetryStore store)
    {
        app.MapGet("/api/telemetry/resources", () => Results.Json(store.GetResources().Select(r => new { key = r.Key, name = r.Name, instanceId = r.InstanceId })));

        app.MapGet("/api/logs", (string? resource, string? level, string? text, string? traceId, int? limit) =>
        {
            var minimum = level is null ? -1 : Array.FindIndex(Levels, l => l.Equals(level, StringComparison.OrdinalIgnoreCase));
            var matches = store.GetLogs().Reverse().Where(l =>
                MatchesResource(l.Resource, resource)
                && (minimum < 0 || Array.IndexOf(Levels, l.Level) >= minimum)
                && (string.IsNullOrEmpty(traceId) || string.Equals(l.TraceId, traceId, StringComparison.OrdinalIgnoreCase))
                && (string.IsNullOrEmpty(text) || Contains(l.Message, text) || l.Attributes.Any(a => Contains(a.Value, text))));
            var page = matches.Take(Clamp(limit)).Select(l => new
            {
                sequence = l.Sequence,
                timestamp = l.Timestamp,
                resource = l.Resource.Key,
                resourceName = l.Resource.Name,
                level = l.Level,
                severity = l.SeverityNumber,
                message = l.Message,
                traceId = l.TraceId,
                spanId = l.SpanId,
                scope = l.Scope,
                eventName = l.EventName,
                attributes = l.Attributes,
            });
            return Results.Json(new { total = store.LogCount, logs = page });
        });

        app.MapGet("/api/traces", (string? resource, string? text, int? limit) =>
        {
            var matches = store.GetTraces().Where(t =>
                (string.IsNullOrEmpty(resource) || t.Spans.Any(s => MatchesResource(s.Resource, resource)))
                && (string.IsNullOrEmpty(text) || t.TraceId.Contains(text, StringComparison.OrdinalIgnoreCase) || t.Spans.Any(s => Contains(s.Name, text))));
            var page = matches.Take(Clamp(limit)).Select(t => new
            {
                traceId = t.TraceId,
                name = t.Root.Name,
                rootResource = t.Root.Resource.Name,
                start = t.Start,
                durationMs = t.Duration.TotalMilliseconds,
                services = t.Services,
                spanCount = t.Spans.Count,
                errorCount = t.ErrorCount,
            });
            return Results.Json(new { total = store.TraceCount, traces = page });
        });

        app.MapGet("/api/traces/{traceId}", (string traceId) =>
        {
            var trace = store.GetTrace(traceId);
            if (trace is null)
            {
                return Results.Json(new { error = $"Trace '{traceId}' is unknown or was evicted." }, statusCode: StatusCodes.Status404NotFound);
            }

            double Offset(DateTimeOffset time) => (time - trace.Start).TotalMilliseconds;
            return Results.Json(new
            {
                traceId = trace.TraceId,
                name = trace.Root.Name,
                start = trace.Start,
                durationMs = trace.Duration.TotalMilliseconds,
                services = trace.Services,
                errorCount = trace.ErrorCount,
                logCount = store.GetLogs().Count(l => l.TraceId == trace.TraceId),
                spans = trace.Spans.Select(s => new
                {
                    spanId = s.SpanId,
                    parentSpanId = s.ParentSpanId,
                    name = s.Name,
                    kind = s.Kind,
                    resource = s.Resource.Key,
                    resourceName = s.Resource.Name,
                    scope = s.Scope,
                    start = s.Start,
                    offsetMs = Offset(s.Start),
                    durationMs = s.Duration.TotalMilliseconds,
                    status = s.Status,
                    statusMessage = s.StatusMessage,
                    attributes = s.Attributes,
                    events = s.Events.Select(e => new { name = e.Name, offsetMs = Offset(e.Timestamp), attributes = e.Attributes }),
                    links = s.Links,
                }),
            });
        });
    }

    internal static bool MatchesResource(TelemetryResource resource, string? filter) =>
        string.IsNullOrEmpty(filter) || resource.Key == filter || resource.Name == filter;

    private static bool Contains(string value, string text) => value.Contains(text, StringComparison.OrdinalIgnoreCase);

    private static int Clamp(int? limit) => Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
}
