using System.Collections.Concurrent;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace ServiceDefaults.Tests.Infrastructure;

/// <summary>Records what an exporter would send of each log record: its formatted message and scopes.</summary>
public sealed class LogRecorder : BaseProcessor<LogRecord>
{
    private readonly ConcurrentQueue<(string? Message, IReadOnlyList<object?> Scopes)> _records = new();

    public IReadOnlyCollection<(string? Message, IReadOnlyList<object?> Scopes)> Records => _records;

    public override void OnEnd(LogRecord data)
    {
        // The SDK reuses records after OnEnd: copy what the test reads.
        var scopes = new List<object?>();
        data.ForEachScope(static (scope, list) => list.Add(scope.Scope), scopes);
        _records.Enqueue((data.FormattedMessage, scopes));
    }
}
