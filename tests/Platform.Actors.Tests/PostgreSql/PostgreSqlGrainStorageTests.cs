using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Actors.PostgreSql;
using Platform.Actors.Reminders;
using Platform.Actors.Storage;
using Platform.Actors.Tests.Storage;

namespace Platform.Actors.Tests.PostgreSql;

[Collection(PostgreSqlCollectionDefinition.Name)]
public sealed class PostgreSqlGrainStorageTests(PostgreSqlFixture postgres) : GrainStorageContract
{
    private string _connectionString = "";

    public override async Task InitializeAsync() => _connectionString = await postgres.CreateDatabaseAsync();

    protected override Task<IGrainStorage> CreateStorageCoreAsync() =>
        Task.FromResult<IGrainStorage>(new PostgreSqlGrainStorage("Default", new PostgreSqlGrainStorageOptions { ConnectionString = _connectionString }));

    [Fact]
    public async Task InitializeAsync_EightProvidersAtOnceOnFreshDatabase_AllSucceedAndCreateOneTable()
    {
        var storages = Enumerable.Range(0, 8)
            .Select(_ => new PostgreSqlGrainStorage("Default", new PostgreSqlGrainStorageOptions { ConnectionString = _connectionString }))
            .ToArray();
        var tables = Enumerable.Range(0, 8)
            .Select(_ => new PostgreSqlReminderTable(new PostgreSqlReminderTableOptions { ConnectionString = _connectionString }))
            .ToArray();
        try
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var all = storages.Select(async s => { await start.Task; await s.InitializeAsync(); })
                .Concat(tables.Select(async t => { await start.Task; await t.InitializeAsync(); }))
                .ToArray();
            start.SetResult();
            await Task.WhenAll(all);

            await storages[0].InitializeAsync();
            Assert.Equal(
                ["grain_state", "reminders"],
                await QueryAsync<string>("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'actors' ORDER BY 1"));
        }
        finally
        {
            foreach (var storage in storages)
            {
                await storage.DisposeAsync();
            }

            foreach (var table in tables)
            {
                await table.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task WriteStateAsync_State_IsStoredAsJsonReadableInPsql()
    {
        var storage = await CreateStorageAsync();
        await storage.WriteStateAsync("counter", Grain, new TestGrainState<CounterState> { State = new CounterState { Value = 7, Items = ["x"] } });

        var rows = await QueryAsync<string>(
            "SELECT concat_ws('|', grain_type, grain_key, state_name, version, payload->>'Value', payload->'Items'->>0, grain_hash) FROM actors.grain_state");

        Assert.Equal([$"counter|42|counter|1|7|x|{Grain.GetUniformHashCode()}"], rows);
    }

    [Fact]
    public async Task ClearStateAsync_Record_KeepsTombstoneWithNextVersionAndNoPayload()
    {
        var storage = await CreateStorageAsync();
        var state = new TestGrainState<CounterState> { State = new CounterState { Value = 7 } };
        await storage.WriteStateAsync("counter", Grain, state);

        await storage.ClearStateAsync("counter", Grain, state);

        Assert.Equal("2", state.ETag);
        Assert.Equal(["2|t"], await QueryAsync<string>("SELECT concat_ws('|', version, payload IS NULL) FROM actors.grain_state"));
    }

    [Fact]
    public async Task ReadStateAsync_CustomSchemaAndTable_CreatesAndUsesThem()
    {
        await using var storage = new PostgreSqlGrainStorage(
            "Bank", new PostgreSqlGrainStorageOptions { ConnectionString = _connectionString, Schema = "bank", TableName = "account_state" });
        await storage.WriteStateAsync("balance", Grain, new TestGrainState<CounterState> { State = new CounterState { Value = 1 } });

        Assert.Equal([1L], await QueryAsync<long>("SELECT count(*) FROM bank.account_state"));
    }

    [Fact]
    public void Constructor_TableNameThatIsNotAPlainIdentifier_ThrowsNamingTheRule()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PostgreSqlGrainStorage(
            "Default", new PostgreSqlGrainStorageOptions { ConnectionString = _connectionString, TableName = "state\"; DROP TABLE x; --" }));

        Assert.Contains("lower-case letters, digits and underscores", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadStateAsync_TableMissingAndSchemaCreationOff_ThrowsNonTransientErrorNamingTable()
    {
        await using var storage = new PostgreSqlGrainStorage(
            "Default", new PostgreSqlGrainStorageOptions { ConnectionString = _connectionString, CreateSchema = false });

        var ex = await Assert.ThrowsAsync<PostgreSqlStorageException>(() => ReadAsync<CounterState>(storage, Grain));

        Assert.False(ex.IsTransient);
        Assert.Contains("Reading state 'counter' of grain 'counter/42'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("actors.grain_state", ex.Message, StringComparison.Ordinal);
        Assert.IsType<PostgresException>(ex.InnerException);
    }

    [Fact]
    public async Task ReadStateAsync_StoredJsonThatDoesNotFitTheType_ThrowsNamingGrainAndState()
    {
        var storage = await CreateStorageAsync();
        await storage.WriteStateAsync("counter", Grain, new TestGrainState<CounterState> { State = new CounterState { Value = 7 } });
        await QueryAsync<int>("UPDATE actors.grain_state SET payload = '{\"Value\": \"seven\"}' RETURNING 1");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAsync<CounterState>(storage, Grain));

        Assert.Contains("State 'counter' of grain 'counter/42'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPostgreSqlGrainStorage_ConnectionNameInConfiguration_ResolvesWorkingKeyedStorage()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:actorsdb"] = _connectionString })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddPostgreSqlGrainStorage("Default", options => options.ConnectionName = "actorsdb");
        await using var provider = services.BuildServiceProvider();

        var storage = provider.GetRequiredKeyedService<IGrainStorage>("Default");
        await storage.WriteStateAsync("counter", Grain, new TestGrainState<CounterState> { State = new CounterState { Value = 5 } });

        Assert.IsType<PostgreSqlGrainStorage>(storage);
        Assert.Equal(5, (await ReadAsync<CounterState>(storage, Grain)).State.Value);
    }

    [Fact]
    public async Task AddPostgreSqlGrainStorage_HostBuilderWithConnectionName_ReadsConnectionStringsSectionLikeAspire()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:actorsdb"] = _connectionString });

        builder.AddPostgreSqlGrainStorage("actorsdb").AddPostgreSqlReminderTable("actorsdb");
        using var host = builder.Build();

        var storage = host.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        await storage.WriteStateAsync("counter", Grain, new TestGrainState<CounterState> { State = new CounterState { Value = 9 } });
        var reminders = host.Services.GetRequiredService<IReminderTable>();
        await reminders.InitializeAsync();

        Assert.Equal(9, (await ReadAsync<CounterState>(storage, Grain)).State.Value);
        Assert.IsType<PostgreSqlReminderTable>(reminders);
        Assert.Empty(await reminders.ReadRowsAsync(Grain));
    }

    [Fact]
    public async Task AddPostgreSqlGrainStorage_ConnectionNameMissingFromConfiguration_ThrowsNamingTheKey()
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddPostgreSqlGrainStorage("Default", options => options.ConnectionName = "actorsdb");
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredKeyedService<IGrainStorage>("Default"));

        Assert.Contains("ConnectionStrings:actorsdb", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPostgreSqlGrainStorage_ConnectionNameWhereConnectionStringBelongs_ThrowsWithAdvice()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddPostgreSqlGrainStorage("Default", "actorsdb"));

        Assert.Contains("ConnectionName", ex.Message, StringComparison.Ordinal);
    }

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetFieldValue<T>(0));
        }

        return rows;
    }
}
