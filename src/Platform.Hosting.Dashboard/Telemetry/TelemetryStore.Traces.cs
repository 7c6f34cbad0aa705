namespace Platform.Hosting.Dashboard.Telemetry;

/// <content>Traces: spans grouped by trace id; whole traces are evicted, the one first seen earliest first.</content>
public sealed partial class TelemetryStore
{
    // Bounds one trace too, so a sender repeating one trace id cannot grow memory without limit.
    private const int MaxSpansPerTrace = 10_000;

    private readonly Lock _tracesLock = new();
    private readonly Dictionary<string, TraceSlot> _traces = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _traceOrder = new();

    /// <summary>Gets how many traces are stored.</summary>
    public int TraceCount
    {
        get
        {
            lock (_tracesLock)
            {
                return _traces.Count;
            }
        }
    }

    /// <summary>Returns the stored traces, the most recently started first.</summary>
    /// <returns>Immutable views of the traces.</returns>
    public IReadOnlyList<TraceEntry> GetTraces()
    {
        lock (_tracesLock)
        {
            return [.. _traces.Values.Select(t => t.View).OrderByDescending(t => t.Start)];
        }
    }

    /// <summary>Returns one trace, or null when it is unknown or was evicted.</summary>
    /// <param name="traceId">The trace id, 32 hex digits (case-insensitive).</param>
    /// <returns>The trace, or null.</returns>
    public TraceEntry? GetTrace(string traceId)
    {
        ArgumentNullException.ThrowIfNull(traceId);
        lock (_tracesLock)
        {
            return _traces.TryGetValue(traceId.ToLowerInvariant(), out var slot) ? slot.View : null;
        }
    }

    /// <summary>Adds spans to their traces, evicting the oldest traces past the limit.</summary>
    internal void AddSpans(IReadOnlyList<SpanEntry> spans)
    {
        if (spans.Count == 0)
        {
            return;
        }

        lock (_tracesLock)
        {
            foreach (var span in spans)
            {
                if (!_traces.TryGetValue(span.TraceId, out var slot))
                {
                    slot = new TraceSlot(span.TraceId, _traceOrder.AddLast(span.TraceId));
                    _traces.Add(span.TraceId, slot);
                    while (_traces.Count > MaxTraces)
                    {
                        var oldest = _traceOrder.First!;
                        _traceOrder.RemoveFirst();
                        _traces.Remove(oldest.Value);
                    }
                }

                slot.Add(span);
            }
        }

        _changes.Notify();
    }

    private sealed class TraceSlot(string traceId, LinkedListNode<string> orderNode)
    {
        private readonly Dictionary<string, SpanEntry> _spans = new(StringComparer.Ordinal);
        private TraceEntry? _view;

        public LinkedListNode<string> OrderNode { get; } = orderNode;

        // Built lazily and cached: the list page reads every trace, spans arrive in batches.
        public TraceEntry View => _view ??= new TraceEntry(traceId, _spans.Values);

        public void Add(SpanEntry span)
        {
            if (_spans.Count >= MaxSpansPerTrace && !_spans.ContainsKey(span.SpanId))
            {
                return;
            }

            // A re-sent span (exporter retry) replaces its earlier copy instead of doubling it.
            _spans[span.SpanId] = span;
            _view = null;
        }
    }
}
