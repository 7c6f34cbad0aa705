using Npgsql;

namespace Platform.Orleans.PostgreSql;

/// <summary>
/// The PostgreSQL schema that Microsoft Orleans' ADO.NET providers need (clustering, grain storage, reminders): the
/// <c>OrleansQuery</c> table with the named queries the providers execute, and the tables those queries use.
/// </summary>
/// <remarks>
/// <para>
/// The schema is a list of numbered migrations embedded in this assembly. <see cref="ApplyAsync(NpgsqlDataSource, CancellationToken)"/>
/// applies the ones a database lacks, in order, and records each in <c>platform_orleans_schema_version</c> with the
/// checksum of its script. Everything happens in one transaction under a transaction-level advisory lock, so silos
/// that start together apply the schema once between them and a failed migration leaves nothing half-done.
/// </para>
/// <para>Needs PostgreSQL 15 or newer (the grain state key uses <c>UNIQUE NULLS NOT DISTINCT</c>).</para>
/// </remarks>
public static class OrleansPostgreSqlSchema
{
    /// <summary>The table that records the applied migrations.</summary>
    public const string VersionTable = "platform_orleans_schema_version";

    /// <summary>
    /// The advisory lock key that serialises appliers on one database (<c>pg_advisory_xact_lock</c>): the ASCII of
    /// "OrlnSchm". Another tool that takes the same key waits for, or makes wait, the schema.
    /// </summary>
    public const long AdvisoryLockKey = 0x4F72_6C6E_5363_686D;

    // Waiting longer than this for another applier means something is stuck: fail the start-up rather than hang it.
    private const int LockTimeoutSeconds = 120;

    /// <summary>The version of the newest migration in this assembly: what a database is at after <see cref="ApplyAsync(NpgsqlDataSource, CancellationToken)"/>.</summary>
    public static int LatestVersion => SchemaMigration.All[^1].Version;

    /// <summary>Applies the migrations that the database behind <paramref name="connectionString"/> lacks, in order, in one transaction.</summary>
    /// <param name="connectionString">An Npgsql connection string; its user needs to create tables in the schema first on the search path (normally <c>public</c>).</param>
    /// <param name="cancellationToken">Cancels the wait for the lock and the migrations (rolling them back).</param>
    /// <returns>True when a migration was applied; false when the database was already up to date.</returns>
    /// <exception cref="InvalidOperationException">An applied migration no longer matches this assembly's script of the same version.</exception>
    public static async Task<bool> ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await ApplyAsync(dataSource, cancellationToken);
    }

    /// <summary>Applies the migrations that the database lacks, in order, in one transaction.</summary>
    /// <param name="dataSource">The database; its user needs to create tables in the schema first on the search path (normally <c>public</c>).</param>
    /// <param name="cancellationToken">Cancels the wait for the lock and the migrations (rolling them back).</param>
    /// <returns>True when a migration was applied; false when the database was already up to date.</returns>
    /// <exception cref="InvalidOperationException">
    /// A migration recorded as applied no longer matches the script of the same version in this assembly: an applied
    /// script was edited. Add a new migration instead.
    /// </exception>
    public static async Task<bool> ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var result = await ApplyCoreAsync(dataSource, cancellationToken);
        return result.Applied.Count > 0;
    }

    internal static async Task<SchemaApplyResult> ApplyCoreAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var migrations = SchemaMigration.All;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The lock is released by the commit or rollback, also when the connection breaks: no stale lock survives a
        // crashed silo. Everything below runs after it, so a waiting applier sees the winner's committed work.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.CommandTimeout = LockTimeoutSeconds;
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await ExecuteAsync(connection, transaction, $"""
            CREATE TABLE IF NOT EXISTS {VersionTable}
            (
                version    integer     NOT NULL PRIMARY KEY,
                name       text        NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken);

        var applied = new Dictionary<int, (string Name, string Checksum)>();
        await using (var read = new NpgsqlCommand($"SELECT version, name, checksum FROM {VersionTable}", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
            }
        }

        var newlyApplied = new List<int>();
        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Version, out var recorded))
            {
                if (recorded.Checksum != migration.Checksum)
                {
                    throw new InvalidOperationException(
                        $"Orleans schema migration {migration.Version} ('{recorded.Name}') was applied from a different script than " +
                        $"'{migration.Version:D4}_{migration.Name}.sql' in this build (checksum {recorded.Checksum} in {VersionTable}, " +
                        $"{migration.Checksum} here). Applied migrations must not change: revert the edit and add a new migration.");
                }

                continue;
            }

            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using (var record = new NpgsqlCommand(
                $"INSERT INTO {VersionTable} (version, name, checksum) VALUES (@version, @name, @checksum)", connection, transaction))
            {
                record.Parameters.AddWithValue("version", migration.Version);
                record.Parameters.AddWithValue("name", migration.Name);
                record.Parameters.AddWithValue("checksum", migration.Checksum);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            newlyApplied.Add(migration.Version);
        }

        await transaction.CommitAsync(cancellationToken);

        // A newer build may have migrated the database already (a rolling upgrade): migrations only add, so an older
        // build keeps working and the extra versions are only reported.
        var databaseVersion = applied.Keys.Concat(newlyApplied).DefaultIfEmpty(0).Max();
        return new SchemaApplyResult(newlyApplied, databaseVersion);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        // No client-side timeout: a migration may build an index on a large table; the caller's token bounds it.
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>What one <see cref="OrleansPostgreSqlSchema.ApplyCoreAsync"/> did.</summary>
/// <param name="Applied">The versions it applied, in order; empty when the database was up to date.</param>
/// <param name="DatabaseVersion">The newest version the database has now (may be newer than this assembly's).</param>
internal sealed record SchemaApplyResult(IReadOnlyList<int> Applied, int DatabaseVersion);
