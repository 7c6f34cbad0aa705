namespace Platform.Hosting.Dashboard.Telemetry;

/// <summary>One span received over OTLP.</summary>
/// <param name="TraceId">The trace id, 32 hex digits.</param>
/// <param name="SpanId">The span id, 16 hex digits.</param>
/// <param name="ParentSpanId">The parent span id, or null for a root span.</param>
/// <param name="Name">The span name.</param>
/// <param name="Kind">Internal, Server, Client, Producer, Consumer or Unspecified.</param>
/// <param name="Resource">The process that recorded it.</param>
/// <param name="Scope">The instrumentation scope (the ActivitySource name in .NET).</param>
/// <param name="Start">When the span started.</param>
/// <param name="End">When the span ended.</param>
/// <param name="Status">Unset, Ok or Error.</param>
/// <param name="StatusMessage">The status description, or null.</param>
/// <param name="Attributes">The span's attributes.</param>
/// <param name="Events">Timed events inside the span (exceptions among them).</param>
/// <param name="Links">Links to spans of other traces.</param>
public sealed record SpanEntry(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Kind,
    TelemetryResource Resource,
    string Scope,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Status,
    string? StatusMessage,
    IReadOnlyList<TelemetryTag> Attributes,
    IReadOnlyList<SpanEventEntry> Events,
    IReadOnlyList<SpanLinkEntry> Links)
{
    /// <summary>Gets the span's duration (zero when the sender reported an end before the start).</summary>
    public TimeSpan Duration => End > Start ? End - Start : TimeSpan.Zero;

    /// <summary>Gets a value indicating whether the span's status is Error.</summary>
    public bool IsError => Status == "Error";
}
