namespace Platform.Hosting.Dashboard.Telemetry;

/// <summary>A link from a span to another span.</summary>
/// <param name="TraceId">The linked trace id.</param>
/// <param name="SpanId">The linked span id.</param>
/// <param name="Attributes">The link's attributes.</param>
public sealed record SpanLinkEntry(string TraceId, string SpanId, IReadOnlyList<TelemetryTag> Attributes);
