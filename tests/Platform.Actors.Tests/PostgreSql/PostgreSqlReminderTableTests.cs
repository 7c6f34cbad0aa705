using Microsoft.Extensions.DependencyInjection;
using Platform.Actors.PostgreSql;
using Platform.Actors.Reminders;
using Platform.Actors.Tests.Storage;

namespace Platform.Actors.Tests.PostgreSql;

[Collection(PostgreSqlCollectionDefinition.Name)]
public sealed class PostgreSqlReminderTableTests(PostgreSqlFixture postgres) : ReminderTableContract
{
    private string _connectionString = "";

    public override async Task InitializeAsync() => _connectionString = await postgres.CreateDatabaseAsync();

    protected override Task<IReminderTable> CreateTableCoreAsync() =>
        Task.FromResult<IReminderTable>(new PostgreSqlReminderTable(new PostgreSqlReminderTableOptions { ConnectionString = _connectionString }));

    [Fact]
    public async Task UpsertRowAsync_SecondTableOnSameDatabase_SeesTheReminder()
    {
        var writer = await CreateTableAsync();
        var reader = await CreateTableAsync();
        var start = new DateTimeOffset(2026, 11, 21, 17, 0, 0, TimeSpan.Zero);

        var eTag = await writer.UpsertRowAsync(new ReminderEntry(new GrainId("timer", "1"), "tick", start, TimeSpan.FromMinutes(1)));

        Assert.Equal(eTag, (await reader.ReadRowAsync(new GrainId("timer", "1"), "tick"))!.ETag);
    }

    [Fact]
    public async Task AddPostgreSqlReminderTable_ConnectionString_RegistersOneWorkingSingleton()
    {
        var services = new ServiceCollection().AddInMemoryReminderTable().AddPostgreSqlReminderTable(_connectionString);
        await using var provider = services.BuildServiceProvider();

        var table = provider.GetRequiredService<IReminderTable>();
        await table.InitializeAsync();

        Assert.IsType<PostgreSqlReminderTable>(table);
        Assert.Single(services, d => d.ServiceType == typeof(IReminderTable));
        Assert.Empty(await table.ReadRowsAsync(0, 0));
    }
}
