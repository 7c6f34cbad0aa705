namespace Platform.Hosting.Dashboard.Telemetry;

/// <summary>An immutable view of one trace: every span received for one trace id, ordered by start time.</summary>
public sealed class TraceEntry
{
    /// <summary>Initializes a new instance of the <see cref="TraceEntry"/> class.</summary>
    /// <param name="traceId">The trace id, 32 hex digits.</param>
    /// <param name="spans">The spans, in any order; they are sorted by start time.</param>
    public TraceEntry(string traceId, IEnumerable<SpanEntry> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        TraceId = traceId;
        Spans = [.. spans.OrderBy(s => s.Start)];
        var ids = Spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);

        // A span whose parent never arrived (or is in another process that exports later) is shown as a root.
        Root = Spans.FirstOrDefault(s => s.ParentSpanId is null)
            ?? Spans.FirstOrDefault(s => !ids.Contains(s.ParentSpanId!))
            ?? Spans[0];
        Start = Spans[0].Start;
        End = Spans.Max(s => s.End);
        Services = [.. Spans.Select(s => s.Resource.Name).Distinct(StringComparer.Ordinal)];
        ErrorCount = Spans.Count(s => s.IsError);
    }

    /// <summary>Gets the trace id.</summary>
    public string TraceId { get; }

    /// <summary>Gets the spans, ordered by start time.</summary>
    public IReadOnlyList<SpanEntry> Spans { get; }

    /// <summary>Gets the root span (or the earliest span whose parent is missing).</summary>
    public SpanEntry Root { get; }

    /// <summary>Gets the earliest span start.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Gets the latest span end.</summary>
    public DateTimeOffset End { get; }

    /// <summary>Gets the trace's duration, from the earliest start to the latest end.</summary>
    public TimeSpan Duration => End > Start ? End - Start : TimeSpan.Zero;

    /// <summary>Gets the distinct service names involved, in order of first span start.</summary>
    public IReadOnlyList<string> Services { get; }

    /// <summary>Gets how many spans have an Error status.</summary>
    public int ErrorCount { get; }
}
