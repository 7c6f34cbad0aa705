namespace Platform.Hosting.Dashboard.Telemetry;

/// <summary>One structured log record received over OTLP.</summary>
/// <param name="Sequence">Arrival order, unique within the store; larger is newer.</param>
/// <param name="Resource">The process that wrote it.</param>
/// <param name="Timestamp">When it was written (the observed time when the sender gave none).</param>
/// <param name="SeverityNumber">The OTLP severity number, 0 to 24.</param>
/// <param name="Level">The level name derived from the severity: Trace, Debug, Information, Warning, Error, Critical or None.</param>
/// <param name="Message">The body, with <c>{Name}</c> placeholders filled from the attributes when the body is a template.</param>
/// <param name="TraceId">The trace the record was written in (32 hex digits), or null.</param>
/// <param name="SpanId">The span the record was written in (16 hex digits), or null.</param>
/// <param name="Scope">The instrumentation scope (for .NET, the logger category).</param>
/// <param name="EventName">The OTLP event name, or null.</param>
/// <param name="Attributes">The record's attributes, exception details included.</param>
public sealed record LogEntry(
    long Sequence,
    TelemetryResource Resource,
    DateTimeOffset Timestamp,
    int SeverityNumber,
    string Level,
    string Message,
    string? TraceId,
    string? SpanId,
    string Scope,
    string? EventName,
    IReadOnlyList<TelemetryTag> Attributes);
