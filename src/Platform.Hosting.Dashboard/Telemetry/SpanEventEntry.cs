namespace Platform.Hosting.Dashboard.Telemetry;

/// <summary>A timed event inside a span.</summary>
/// <param name="Name">The event name, e.g. <c>exception</c>.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Attributes">The event's attributes.</param>
public sealed record SpanEventEntry(string Name, DateTimeOffset Timestamp, IReadOnlyList<TelemetryTag> Attributes);
