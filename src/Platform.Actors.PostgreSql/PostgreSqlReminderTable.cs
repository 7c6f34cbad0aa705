using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Actors.PostgreSql.Internal;
using Platform.Actors.Reminders;

namespace Platform.Actors.PostgreSql;

/// <summary>
/// The reminder table in PostgreSQL (default <c>actors.reminders</c>), one row per grain and reminder name, with the grain's uniform hash
/// (a <see cref="uint"/> kept in a <c>bigint</c>) indexed for the range reads each silo makes for its share of the ring.
/// The ETag is the row's <c>version</c>, drawn from one sequence at every upsert, so it is never reused. <c>start_at</c> is stored in UTC to
/// the microsecond and the period in whole milliseconds.
/// </summary>
public sealed class PostgreSqlReminderTable : IReminderTable, IAsyncDisposable
{
    private readonly PostgreSqlDatabase _database;
    private readonly ReminderSql _sql;

    /// <summary>Creates the table client and its connection pool; nothing is sent to the database until first use.</summary>
    /// <param name="options">The settings; <see cref="PostgreSqlReminderTableOptions.ConnectionString"/> is required here.</param>
    /// <param name="logger">The logger; null for none.</param>
    public PostgreSqlReminderTable(PostgreSqlReminderTableOptions options, ILogger<PostgreSqlReminderTable>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);

        const string Provider = "the PostgreSQL reminder table";
        var connectionString = options.ConnectionString
            ?? throw new ArgumentException($"{Provider} needs PostgreSqlReminderTableOptions.ConnectionString.", nameof(options));
        ConnectionStrings.EnsureLooksLikeConnectionString(connectionString, Provider);

        _sql = new ReminderSql(options.Schema, options.TableName);
        _database = new PostgreSqlDatabase(
            connectionString, options.CreateSchema ? _sql.CreateSchema : null, $"{options.Schema}.{options.TableName}", Provider, logger ?? (ILogger)NullLogger.Instance);
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync((_, _) => Task.FromResult(true), isRead: true, () => "Creating the reminder table", cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync(
            (dataSource, ct) =>
            {
                var command = dataSource.CreateCommand(_sql.ReadGrain);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
                return ReadEntriesAsync(command, ct);
            },
            isRead: true,
            () => $"Reading the reminders of grain '{grainId}'",
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(uint beginHash, uint endHash, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync(
            (dataSource, ct) =>
            {
                var command = dataSource.CreateCommand(beginHash < endHash ? _sql.ReadInsideRange : _sql.ReadWrappedRange);
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = beginHash });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = endHash });
                return ReadEntriesAsync(command, ct);
            },
            isRead: true,
            () => $"Reading the reminders in hash range ({beginHash}, {endHash}]",
            cancellationToken);

    /// <inheritdoc />
    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminderName);

        var rows = await _database.ExecuteAsync(
            (dataSource, ct) =>
            {
                var command = dataSource.CreateCommand(_sql.ReadRow);
                AddKey(command, grainId, reminderName);
                return ReadEntriesAsync(command, ct);
            },
            isRead: true,
            () => $"Reading reminder '{reminderName}' of grain '{grainId}'",
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentOutOfRangeException.ThrowIfLessThan(entry.Period, TimeSpan.Zero, nameof(entry));

        var version = await _database.ExecuteAsync(
            async (dataSource, ct) =>
            {
                await using var command = dataSource.CreateCommand(_sql.Upsert);
                AddKey(command, entry.GrainId, entry.ReminderName);
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = entry.GrainId.GetUniformHashCode() });
                // Npgsql writes timestamptz only from UTC values.
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.StartAt.ToUniversalTime() });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)Math.Floor(entry.Period.TotalMilliseconds) });
                return (long)(await command.ExecuteScalarAsync(ct))!;
            },
            isRead: false,
            () => $"Saving reminder '{entry.ReminderName}' of grain '{entry.GrainId}'",
            cancellationToken);
        return version.ToString(CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        ArgumentNullException.ThrowIfNull(eTag);

        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false; // Not an ETag this table handed out, so it cannot be the stored one.
        }

        var removed = await _database.ExecuteAsync(
            async (dataSource, ct) =>
            {
                await using var command = dataSource.CreateCommand(_sql.Delete);
                AddKey(command, grainId, reminderName);
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
                return await command.ExecuteNonQueryAsync(ct);
            },
            isRead: false,
            () => $"Removing reminder '{reminderName}' of grain '{grainId}'",
            cancellationToken);
        return removed == 1;
    }

    /// <summary>Closes the connection pool.</summary>
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static void AddKey(NpgsqlCommand command, GrainId grainId, string reminderName)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reminderName });
    }

    private static async Task<IReadOnlyList<ReminderEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var entries = new List<ReminderEntry>();
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(new ReminderEntry(
                    new GrainId(reader.GetString(0), reader.GetString(1)),
                    reader.GetString(2),
                    reader.GetFieldValue<DateTimeOffset>(3),
                    TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                    reader.GetInt64(5).ToString(CultureInfo.InvariantCulture)));
            }

            return entries;
        }
    }
}
