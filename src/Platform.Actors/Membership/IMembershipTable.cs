namespace Platform.Actors.Membership;

/// <summary>
/// The durable list of a cluster's silos with a table version for compare-and-swap, in Orleans' membership-table shape.
/// Every change (<see cref="InsertRowAsync"/>, <see cref="UpdateRowAsync"/>) succeeds only while the stored table version still equals
/// <see cref="TableVersion.VersionETag"/> of the version passed (read, then <see cref="TableVersion.Next"/>), and then stores that version;
/// row and version change atomically or not at all. Implementations: <see cref="InMemoryMembershipTable"/> (tests) and the PostgreSQL provider.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Creates what the table needs and this cluster's version row (version 0) when missing; idempotent and safe to run concurrently.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads every row of the cluster and the table version, as one snapshot.</summary>
    Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads one silo's row (none when missing) and the table version, as one snapshot.</summary>
    Task<MembershipTableData> ReadRowAsync(SiloAddress siloAddress, CancellationToken cancellationToken = default);

    /// <summary>Inserts a silo's row if it has none and the table version matches; returns false, changing nothing, otherwise.</summary>
    Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken = default);

    /// <summary>Replaces a silo's row if its ETag is <paramref name="eTag"/> and the table version matches; returns false, changing nothing, otherwise.</summary>
    Task<bool> UpdateRowAsync(MembershipEntry entry, string eTag, TableVersion version, CancellationToken cancellationToken = default);

    /// <summary>Records a heartbeat: sets only <see cref="MembershipEntry.IAmAliveTime"/>, unconditionally, without changing the row's ETag or the table version.</summary>
    Task UpdateIAmAliveAsync(SiloAddress siloAddress, DateTimeOffset iAmAliveTime, CancellationToken cancellationToken = default);

    /// <summary>Deletes rows of <see cref="SiloStatus.Dead"/> silos whose last heartbeat is older than <paramref name="beforeDate"/>.</summary>
    Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every row of the cluster (tests and decommissioning only). The table version stays, so a view read before the
    /// deletion cannot be used to change the table afterwards.
    /// </summary>
    Task DeleteMembershipTableEntriesAsync(CancellationToken cancellationToken = default);
}
