using System.Globalization;

namespace Platform.Actors.Reminders;

/// <summary>
/// A reminder table held in this process's memory, for runtime unit tests; everything is lost when the process exits.
/// It follows the PostgreSQL table's rules: every upsert gets a new ETag drawn from one counter (so an ETag is never reused,
/// even after a remove and re-add), a remove succeeds only with the current ETag, <see cref="ReminderEntry.StartAt"/> is kept
/// in UTC to the microsecond and <see cref="ReminderEntry.Period"/> to the millisecond, as PostgreSQL stores them.
/// </summary>
public sealed class InMemoryReminderTable : IReminderTable
{
    private readonly Dictionary<(GrainId GrainId, string ReminderName), ReminderEntry> _rows = [];
    private readonly Lock _gate = new();
    private long _lastVersion;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Select(row => row.GrainId == grainId));

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(uint beginHash, uint endHash, CancellationToken cancellationToken = default) =>
        Task.FromResult(Select(row => IsInRange(row.GrainId.GetUniformHashCode(), beginHash, endHash)));

    /// <inheritdoc />
    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        lock (_gate)
        {
            return Task.FromResult(_rows.GetValueOrDefault((grainId, reminderName)));
        }
    }

    /// <inheritdoc />
    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentOutOfRangeException.ThrowIfLessThan(entry.Period, TimeSpan.Zero, nameof(entry));

        // Store what PostgreSQL would give back: timestamptz keeps microseconds in UTC, period_ms whole milliseconds.
        var startAt = new DateTimeOffset(entry.StartAt.UtcTicks - (entry.StartAt.UtcTicks % 10), TimeSpan.Zero);
        var period = TimeSpan.FromMilliseconds(Math.Floor(entry.Period.TotalMilliseconds));
        lock (_gate)
        {
            var eTag = (++_lastVersion).ToString(CultureInfo.InvariantCulture);
            _rows[(entry.GrainId, entry.ReminderName)] = entry with { StartAt = startAt, Period = period, ETag = eTag };
            return Task.FromResult(eTag);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        lock (_gate)
        {
            var removed = _rows.TryGetValue((grainId, reminderName), out var row) && row.ETag == eTag && _rows.Remove((grainId, reminderName));
            return Task.FromResult(removed);
        }
    }

    // (begin, end], wrapping past uint.MaxValue when begin >= end, so (x, x] is the whole ring.
    internal static bool IsInRange(uint hash, uint beginHash, uint endHash) =>
        beginHash < endHash ? hash > beginHash && hash <= endHash : hash > beginHash || hash <= endHash;

    private IReadOnlyList<ReminderEntry> Select(Func<ReminderEntry, bool> predicate)
    {
        lock (_gate)
        {
            return [.. _rows.Values.Where(predicate)];
        }
    }
}
