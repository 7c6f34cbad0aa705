namespace Platform.Hosting.Dashboard.Telemetry;

/// <summary>One attribute (a tag, in .NET terms) of a resource, span, event, log record or metric series, its value rendered as text.</summary>
/// <param name="Key">The attribute key, e.g. <c>http.request.method</c>.</param>
/// <param name="Value">The value as text; arrays and maps are rendered in a JSON-like form.</param>
public sealed record TelemetryTag(string Key, string Value);
