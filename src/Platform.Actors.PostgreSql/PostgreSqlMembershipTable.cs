using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Platform.Actors.Membership;
using Platform.Actors.PostgreSql.Internal;

namespace Platform.Actors.PostgreSql;

/// <summary>
/// The cluster membership table in PostgreSQL (default <c>actors.membership</c> plus <c>actors.membership_version</c>): one row per silo
/// and one version row per cluster. A change updates the version row and the silo row in one transaction, each conditional
/// (version on <see cref="TableVersion.VersionETag"/>, silo row on its ETag), and commits only when both matched.
/// Heartbeats (<see cref="UpdateIAmAliveAsync"/>) touch only <c>i_am_alive_time</c>. Suspect votes are stored as a <c>jsonb</c> array.
/// </summary>
public sealed class PostgreSqlMembershipTable : IMembershipTable, IAsyncDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly PostgreSqlDatabase _database;
    private readonly MembershipSql _sql;
    private readonly string _clusterId;

    /// <summary>Creates the table client and its connection pool; nothing is sent to the database until first use.</summary>
    /// <param name="options">The settings; <see cref="PostgreSqlMembershipTableOptions.ConnectionString"/> and <see cref="PostgreSqlMembershipTableOptions.ClusterId"/> are required here.</param>
    /// <param name="logger">The logger; null for none.</param>
    public PostgreSqlMembershipTable(PostgreSqlMembershipTableOptions options, ILogger<PostgreSqlMembershipTable>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);

        var provider = $"the PostgreSQL membership table of cluster '{options.ClusterId}'";
        var connectionString = options.ConnectionString
            ?? throw new ArgumentException($"{provider} needs PostgreSqlMembershipTableOptions.ConnectionString.", nameof(options));
        ConnectionStrings.EnsureLooksLikeConnectionString(connectionString, provider);
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            throw new ArgumentException("The PostgreSQL membership table needs PostgreSqlMembershipTableOptions.ClusterId (e.g. from Actors:ClusterId).", nameof(options));
        }

        _clusterId = options.ClusterId;
        _sql = new MembershipSql(options.Schema, options.TableName);
        _database = new PostgreSqlDatabase(
            connectionString,
            (options.CreateSchema ? _sql.CreateSchema + "\n" : "") + _sql.CreateVersionRow,
            $"{options.Schema}.{options.TableName}",
            provider,
            logger ?? (ILogger)NullLogger.Instance,
            command => command.Parameters.AddWithValue("cluster_id", _clusterId));
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync((_, _) => Task.FromResult(true), isRead: true, () => "Creating the membership table", cancellationToken);

    /// <inheritdoc />
    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync(
            (dataSource, ct) =>
            {
                var command = dataSource.CreateCommand(_sql.ReadAll);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
                return ReadDataAsync(command, ct);
            },
            isRead: true,
            () => "Reading the membership table",
            cancellationToken);

    /// <inheritdoc />
    public Task<MembershipTableData> ReadRowAsync(SiloAddress siloAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(siloAddress);
        return _database.ExecuteAsync(
            (dataSource, ct) =>
            {
                var command = dataSource.CreateCommand(_sql.ReadRow);
                AddKey(command, siloAddress);
                return ReadDataAsync(command, ct);
            },
            isRead: true,
            () => $"Reading the membership row of silo {siloAddress}",
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        return ChangeAsync(entry, eTag: null, version, $"Inserting the membership row of silo {entry.SiloAddress}", cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> UpdateRowAsync(MembershipEntry entry, string eTag, TableVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(eTag);
        ArgumentNullException.ThrowIfNull(version);
        return ChangeAsync(entry, eTag, version, $"Updating the membership row of silo {entry.SiloAddress}", cancellationToken);
    }

    /// <inheritdoc />
    public Task UpdateIAmAliveAsync(SiloAddress siloAddress, DateTimeOffset iAmAliveTime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(siloAddress);
        return _database.ExecuteAsync(
            async (dataSource, ct) =>
            {
                await using var command = dataSource.CreateCommand(_sql.UpdateIAmAlive);
                AddKey(command, siloAddress);
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = iAmAliveTime.ToUniversalTime() });
                return await command.ExecuteNonQueryAsync(ct);
            },
            isRead: false,
            () => $"Recording the heartbeat of silo {siloAddress}",
            cancellationToken);
    }

    /// <inheritdoc />
    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync(
            async (dataSource, ct) =>
            {
                await using var command = dataSource.CreateCommand(_sql.DeleteDefunct);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
                command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)SiloStatus.Dead });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = beforeDate.ToUniversalTime() });
                return await command.ExecuteNonQueryAsync(ct);
            },
            isRead: false,
            () => "Deleting defunct silo rows",
            cancellationToken);

    /// <inheritdoc />
    public Task DeleteMembershipTableEntriesAsync(CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync(
            async (dataSource, ct) =>
            {
                await using var command = dataSource.CreateCommand(_sql.DeleteAll);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
                return await command.ExecuteNonQueryAsync(ct);
            },
            isRead: false,
            () => "Deleting the cluster's membership rows",
            cancellationToken);

    /// <summary>Closes the connection pool.</summary>
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    // Insert (eTag null) or update of a silo row, together with the table version, in one transaction.
    private Task<bool> ChangeAsync(MembershipEntry entry, string? eTag, TableVersion version, string description, CancellationToken cancellationToken)
    {
        if (!TryParse(version.VersionETag, out var expectedVersion))
        {
            return Task.FromResult(false); // Not a version this table handed out: it cannot be the stored one.
        }

        long expectedRowVersion = 0;
        if (eTag is not null && !TryParse(eTag, out expectedRowVersion))
        {
            return Task.FromResult(false);
        }

        return _database.ExecuteAsync(
            async (dataSource, ct) =>
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                await using var transaction = await connection.BeginTransactionAsync(ct);

                // The version row first: its row lock queues concurrent changes, and a loser matches nothing here.
                await using (var bump = new NpgsqlCommand(_sql.BumpVersion, connection, transaction))
                {
                    bump.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
                    bump.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version.Version });
                    bump.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion });
                    if (await bump.ExecuteNonQueryAsync(ct) != 1)
                    {
                        return false; // Disposing the transaction rolls it back.
                    }
                }

                await using (var change = new NpgsqlCommand(eTag is null ? _sql.Insert : _sql.Update, connection, transaction))
                {
                    AddKey(change, entry.SiloAddress);
                    AddColumns(change, entry);
                    if (eTag is not null)
                    {
                        change.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedRowVersion });
                    }

                    if (await change.ExecuteNonQueryAsync(ct) != 1)
                    {
                        return false;
                    }
                }

                await transaction.CommitAsync(ct);
                return true;
            },
            isRead: false,
            () => description,
            cancellationToken);
    }

    private void AddKey(NpgsqlCommand command, SiloAddress siloAddress)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = siloAddress.Endpoint.Address.ToString() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = siloAddress.Endpoint.Port });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = siloAddress.Generation });
    }

    private static void AddColumns(NpgsqlCommand command, MembershipEntry entry)
    {
        var votes = entry.SuspectTimes.Select(v => new StoredVote(v.Suspecter.Endpoint.Address.ToString(), v.Suspecter.Endpoint.Port, v.Suspecter.Generation, v.At.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.SiloName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.HostName });
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)entry.Status });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = entry.ProxyPort });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.StartTime.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.IAmAliveTime.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(votes, JsonOptions), NpgsqlDbType = NpgsqlDbType.Jsonb });
    }

    private async Task<MembershipTableData> ReadDataAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            long? tableVersion = null;
            var rows = new List<MembershipRow>();
            while (await reader.ReadAsync(cancellationToken))
            {
                tableVersion = reader.GetInt64(0);
                if (reader.IsDBNull(1))
                {
                    continue; // The LEFT JOIN found no silo row.
                }

                var votes = JsonSerializer.Deserialize<StoredVote[]>(reader.GetString(10), JsonOptions) ?? [];
                var entry = new MembershipEntry
                {
                    SiloAddress = new SiloAddress(new IPEndPoint(IPAddress.Parse(reader.GetString(1)), reader.GetInt32(2)), reader.GetInt32(3)),
                    SiloName = reader.GetString(4),
                    HostName = reader.GetString(5),
                    Status = (SiloStatus)reader.GetInt16(6),
                    ProxyPort = reader.GetInt32(7),
                    StartTime = reader.GetFieldValue<DateTimeOffset>(8),
                    IAmAliveTime = reader.GetFieldValue<DateTimeOffset>(9),
                    SuspectTimes = [.. votes.Select(v => new SuspectVote(new SiloAddress(new IPEndPoint(IPAddress.Parse(v.Address), v.Port), v.Generation), v.At))],
                };
                rows.Add(new MembershipRow(entry, reader.GetInt64(11).ToString(CultureInfo.InvariantCulture)));
            }

            if (tableVersion is null)
            {
                throw new InvalidOperationException(
                    $"The membership version row of cluster '{_clusterId}' in {_sql.QualifiedTable}_version is missing, so the table cannot be changed safely. " +
                    "It is created by InitializeAsync on a new table client; restart the silo, or insert it with version 0.");
            }

            var stored = tableVersion.Value;
            return new MembershipTableData(rows, new TableVersion(stored, stored.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static bool TryParse(string eTag, out long version) =>
        long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out version);

    // The jsonb shape of one suspect vote: {"address":"127.0.0.1","port":11111,"generation":5,"at":"…Z"}.
    private sealed record StoredVote(string Address, int Port, int Generation, DateTimeOffset At);
}
