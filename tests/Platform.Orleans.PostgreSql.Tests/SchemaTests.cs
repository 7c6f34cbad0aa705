using Npgsql;
using Platform.Orleans.PostgreSql.Tests.Infrastructure;

namespace Platform.Orleans.PostgreSql.Tests;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class SchemaTests(PostgresFixture postgres)
{
    /// <summary>Every key the three providers of 10.4.2 look up (the optional ones included, since the schema provides them).</summary>
    private static readonly string[] ProviderQueryKeys =
    [
        // Clustering (and the client's gateway list).
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey",
        "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
        // Grain storage.
        "ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey",
        // Reminders.
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
        "ReadReminderRowsKey", "UpsertReminderRowKey",
    ];

    // Everything a migration could change: the query texts, the recorded versions, and the shape of every object.
    private const string SnapshotSql = """
        SELECT 'query ' || querykey || ' ' || md5(querytext) FROM orleansquery
        UNION ALL
        SELECT 'version ' || version || ' ' || name || ' ' || checksum || ' ' || applied_at FROM platform_orleans_schema_version
        UNION ALL
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
        FROM information_schema.columns WHERE table_schema = 'public'
        UNION ALL
        SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
        UNION ALL
        SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
        UNION ALL
        SELECT 'function ' || p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
        ORDER BY 1
        """;

    [Fact]
    public async Task ApplyAsync_FreshDatabase_CreatesEveryProviderQueryAndRecordsEachMigration()
    {
        var database = await postgres.GetClassDatabaseAsync(GetType());

        await OrleansPostgreSqlSchema.ApplyAsync(database);

        var keys = (await Db.RowsAsync(database, "SELECT querykey FROM orleansquery ORDER BY querykey")).Select(r => (string)r[0]!).ToArray();
        Assert.Equal(ProviderQueryKeys.Order(StringComparer.Ordinal), keys);
        var recorded = await Db.RowsAsync(database, "SELECT version, name, checksum FROM platform_orleans_schema_version ORDER BY version");
        Assert.Equal(
            SchemaMigration.All.Select(m => $"{m.Version} {m.Name} {m.Checksum}"),
            recorded.Select(r => $"{r[0]} {r[1]} {r[2]}"));
        Assert.Equal(OrleansPostgreSqlSchema.LatestVersion, recorded.Count);
        Assert.Equal(["main", "clustering", "persistence", "reminders"], SchemaMigration.All.Select(m => m.Name));
    }

    [Fact]
    public async Task ApplyAsync_Twice_SecondReturnsFalseAndChangesNothing()
    {
        var database = await postgres.CreateDatabaseAsync("schema_twice");

        var first = await OrleansPostgreSqlSchema.ApplyAsync(database);
        var before = await SnapshotAsync(database);
        var queriesBefore = await QueryTableAsync(database);
        var second = await OrleansPostgreSqlSchema.ApplyAsync(database);
        var after = await SnapshotAsync(database);
        var queriesAfter = await QueryTableAsync(database);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(queriesBefore, queriesAfter);
        Assert.Equal(before, after);
        Assert.Contains(before, line => line.StartsWith("column orleans_grain_state.payload bytea", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_ThreeConcurrentCallsOnFreshDatabase_AllSucceedAndOneApplies()
    {
        // A few rounds: each one a fresh database and three appliers released together, as three silos starting at once.
        for (var round = 0; round < 3; round++)
        {
            var database = await postgres.CreateDatabaseAsync("schema_race");
            var dataSources = Enumerable.Range(0, 3).Select(_ => NpgsqlDataSource.Create(database)).ToArray();
            try
            {
                var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var appliers = dataSources.Select(async dataSource =>
                {
                    await go.Task;
                    return await OrleansPostgreSqlSchema.ApplyAsync(dataSource);
                }).ToArray();
                go.SetResult();

                var results = await Task.WhenAll(appliers);

                Assert.Equal(1, results.Count(changed => changed));
                var versions = await Db.RowsAsync(database, "SELECT version FROM platform_orleans_schema_version ORDER BY version");
                Assert.Equal(Enumerable.Range(1, OrleansPostgreSqlSchema.LatestVersion), versions.Select(r => (int)r[0]!));
                Assert.Equal(ProviderQueryKeys.Length, await Db.ScalarAsync<long>(database, "SELECT count(*) FROM orleansquery"));
            }
            finally
            {
                foreach (var dataSource in dataSources)
                {
                    await dataSource.DisposeAsync();
                }
            }
        }
    }

    [Fact]
    public async Task ApplyAsync_DatabaseAtAnOlderVersion_AppliesOnlyTheMissingMigrations()
    {
        var database = await postgres.CreateDatabaseAsync("schema_upgrade");
        // What a database migrated by an older build looks like: the first migration only.
        await Db.ExecuteAsync(database, SchemaMigration.All[0].Sql);
        await Db.ExecuteAsync(database, $"""
            CREATE TABLE platform_orleans_schema_version (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
            INSERT INTO platform_orleans_schema_version (version, name, checksum, applied_at) VALUES (1, 'main', '{SchemaMigration.All[0].Checksum}', '2020-01-01Z');
            """);

        var changed = await OrleansPostgreSqlSchema.ApplyAsync(database);

        Assert.True(changed);
        var recorded = await Db.RowsAsync(database, "SELECT version, applied_at < '2021-01-01Z' FROM platform_orleans_schema_version ORDER BY version");
        Assert.Equal(Enumerable.Range(1, OrleansPostgreSqlSchema.LatestVersion), recorded.Select(r => (int)r[0]!));
        Assert.True((bool)recorded[0][1]!); // migration 1 was not applied again
        Assert.All(recorded.Skip(1), r => Assert.False((bool)r[1]!));
    }

    [Fact]
    public async Task ApplyAsync_AppliedMigrationWasEdited_ThrowsAndChangesNothing()
    {
        var database = await postgres.CreateDatabaseAsync("schema_drift");
        await OrleansPostgreSqlSchema.ApplyAsync(database);
        // The database remembers another script for migration 2 than the one this build carries.
        await Db.ExecuteAsync(database, "UPDATE platform_orleans_schema_version SET checksum = 'edited' WHERE version = 2");
        var before = await SnapshotAsync(database);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OrleansPostgreSqlSchema.ApplyAsync(database));

        Assert.Contains("migration 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(database));
    }

    [Fact]
    public async Task ApplyAsync_MigrationFails_RollsBackEveryMigrationOfTheCall()
    {
        var database = await postgres.CreateDatabaseAsync("schema_rollback");
        // A table in the way makes the reminders migration fail after the first three have run in the same transaction.
        await Db.ExecuteAsync(database, "CREATE TABLE orleans_reminder (x integer)");

        await Assert.ThrowsAsync<PostgresException>(() => OrleansPostgreSqlSchema.ApplyAsync(database));

        Assert.Null(await Db.ScalarAsync<string>(database, "SELECT to_regclass('orleansquery')::text"));
        Assert.Null(await Db.ScalarAsync<string>(database, "SELECT to_regclass('platform_orleans_schema_version')::text"));
        Assert.Null(await Db.ScalarAsync<string>(database, "SELECT to_regclass('orleans_membership')::text"));
    }

    [Fact]
    public async Task ApplyAsync_AfterAnotherSessionHoldsTheLock_WaitsForIt()
    {
        var database = await postgres.CreateDatabaseAsync("schema_lock");
        await using var holder = new NpgsqlConnection(database);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({OrleansPostgreSqlSchema.AdvisoryLockKey})", holder, transaction))
        {
            await take.ExecuteNonQueryAsync();
        }

        var apply = OrleansPostgreSqlSchema.ApplyAsync(database);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(apply.IsCompleted);
        await transaction.RollbackAsync();

        Assert.True(await apply.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task<List<string>> SnapshotAsync(string database)
        => [.. (await Db.RowsAsync(database, SnapshotSql)).Select(r => (string)r[0]!)];

    private static async Task<List<string>> QueryTableAsync(string database)
        => [.. (await Db.RowsAsync(database, "SELECT querykey, querytext FROM orleansquery ORDER BY querykey")).Select(r => $"{r[0]}\n{r[1]}")];
}
