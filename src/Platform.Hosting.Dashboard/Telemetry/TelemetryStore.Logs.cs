namespace Platform.Hosting.Dashboard.Telemetry;

/// <content>Log records: a ring of the newest <see cref="MaxLogRecords"/>.</content>
public sealed partial class TelemetryStore
{
    private readonly Lock _logsLock = new();
    private readonly Queue<LogEntry> _logs = new();
    private long _logSequence;

    /// <summary>Gets how many log records are stored.</summary>
    public int LogCount
    {
        get
        {
            lock (_logsLock)
            {
                return _logs.Count;
            }
        }
    }

    /// <summary>Returns the stored log records, oldest first.</summary>
    /// <returns>A copy of the stored records.</returns>
    public IReadOnlyList<LogEntry> GetLogs()
    {
        lock (_logsLock)
        {
            return [.. _logs];
        }
    }

    /// <summary>Adds records (their <see cref="LogEntry.Sequence"/> is assigned here), evicting the oldest past the limit.</summary>
    internal void AddLogs(IReadOnlyList<LogEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        lock (_logsLock)
        {
            foreach (var entry in entries)
            {
                _logs.Enqueue(entry with { Sequence = ++_logSequence });
                if (_logs.Count > MaxLogRecords)
                {
                    _logs.Dequeue();
                }
            }
        }

        _changes.Notify();
    }
}
