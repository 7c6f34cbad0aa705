using System.Globalization;

namespace Platform.Actors.Membership;

/// <summary>
/// A membership table in this process's memory, with the same compare-and-swap rules as the PostgreSQL one. For tests
/// and for silos of one process (share one instance between them); a cluster of processes needs a shared table.
/// </summary>
public sealed class InMemoryMembershipTable : IMembershipTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, MembershipRow> _rows = [];
    private long _version;
    private long _nextETag;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(new MembershipTableData([.. _rows.Values], CurrentVersion()));
        }
    }

    /// <inheritdoc />
    public Task<MembershipTableData> ReadRowAsync(SiloAddress siloAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(siloAddress);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<MembershipRow> rows = _rows.TryGetValue(siloAddress, out var row) ? [row] : [];
            return Task.FromResult(new MembershipTableData(rows, CurrentVersion()));
        }
    }

    /// <inheritdoc />
    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!VersionMatches(version) || _rows.ContainsKey(entry.SiloAddress))
            {
                return Task.FromResult(false);
            }

            _rows[entry.SiloAddress] = new MembershipRow(entry, NextETag());
            _version = version.Version;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> UpdateRowAsync(MembershipEntry entry, string eTag, TableVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(eTag);
        ArgumentNullException.ThrowIfNull(version);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!VersionMatches(version) || !_rows.TryGetValue(entry.SiloAddress, out var row) || row.ETag != eTag)
            {
                return Task.FromResult(false);
            }

            _rows[entry.SiloAddress] = new MembershipRow(entry, NextETag());
            _version = version.Version;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task UpdateIAmAliveAsync(SiloAddress siloAddress, DateTimeOffset iAmAliveTime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(siloAddress);
        lock (_lock)
        {
            if (_rows.TryGetValue(siloAddress, out var row))
            {
                _rows[siloAddress] = row with { Entry = row.Entry with { IAmAliveTime = iAmAliveTime } };
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var (silo, row) in _rows.ToArray())
            {
                if (row.Entry.Status == SiloStatus.Dead && row.Entry.IAmAliveTime < beforeDate)
                {
                    _rows.Remove(silo);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteMembershipTableEntriesAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _rows.Clear();
        }

        return Task.CompletedTask;
    }

    private TableVersion CurrentVersion() => new(_version, _version.ToString(CultureInfo.InvariantCulture));

    private bool VersionMatches(TableVersion version) => version.VersionETag == _version.ToString(CultureInfo.InvariantCulture);

    private string NextETag() => (++_nextETag).ToString(CultureInfo.InvariantCulture);
}
