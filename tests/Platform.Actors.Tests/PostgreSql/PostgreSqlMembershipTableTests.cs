using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Actors.Membership;
using Platform.Actors.PostgreSql;

namespace Platform.Actors.Tests.PostgreSql;

[Collection(PostgreSqlCollectionDefinition.Name)]
public sealed class PostgreSqlMembershipTableTests(PostgreSqlFixture postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset Started = new(2026, 11, 21, 17, 0, 0, TimeSpan.Zero);
    private readonly List<PostgreSqlMembershipTable> _tables = [];
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await postgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var table in _tables)
        {
            await table.DisposeAsync();
        }
    }

    [Fact]
    public async Task InitializeAsync_EightSilosAtOnceOnFreshDatabase_AllSucceedWithVersionZero()
    {
        var tables = Enumerable.Range(0, 8).Select(_ => NewTable()).ToArray();

        await Task.WhenAll(tables.Select(t => t.InitializeAsync()));

        var data = await tables[0].ReadAllAsync();
        Assert.Empty(data.Rows);
        Assert.Equal(new TableVersion(0, "0"), data.Version);
    }

    [Fact]
    public async Task InsertRowAsync_CurrentVersion_InsertsRowAndStoresNextVersion()
    {
        var table = await InitializedTableAsync();
        var entry = Entry(1, SiloStatus.Joining) with
        {
            SiloName = "silo-1",
            HostName = "host-a",
            ProxyPort = 30000,
            IAmAliveTime = Started.AddSeconds(3),
            SuspectTimes = [new SuspectVote(Silo(2), Started.AddSeconds(4))],
        };

        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));

        var data = await table.ReadAllAsync();
        Assert.Equal(1, data.Version.Version);
        var row = Assert.Single(data.Rows);
        Assert.Equal(entry.SiloAddress, row.Entry.SiloAddress);
        Assert.Equal(entry.SuspectTimes, row.Entry.SuspectTimes);
        Assert.Equal(entry with { SuspectTimes = row.Entry.SuspectTimes }, row.Entry);
    }

    [Fact]
    public async Task InsertRowAsync_StaleVersion_ReturnsFalseAndChangesNothing()
    {
        var table = await InitializedTableAsync();
        var stale = (await table.ReadAllAsync()).Version;
        Assert.True(await table.InsertRowAsync(Entry(1), stale.Next()));

        Assert.False(await table.InsertRowAsync(Entry(2), stale.Next()));

        var data = await table.ReadAllAsync();
        Assert.Equal(1, data.Version.Version);
        Assert.Equal([Silo(1)], data.Rows.Select(r => r.Entry.SiloAddress));
    }

    [Fact]
    public async Task InsertRowAsync_SiloAlreadyHasRow_ReturnsFalseAndKeepsVersion()
    {
        var table = await InitializedTableAsync();
        Assert.True(await table.InsertRowAsync(Entry(1), (await table.ReadAllAsync()).Version.Next()));

        Assert.False(await table.InsertRowAsync(Entry(1, SiloStatus.Dead), (await table.ReadAllAsync()).Version.Next()));

        var data = await table.ReadAllAsync();
        Assert.Equal(1, data.Version.Version);
        Assert.Equal(SiloStatus.Active, Assert.Single(data.Rows).Entry.Status);
    }

    [Fact]
    public async Task InsertRowAsync_ConcurrentSilosWithSameVersion_ExactlyOneSucceedsEachRound()
    {
        var table = await InitializedTableAsync();
        var contenders = Enumerable.Range(0, 8).Select(_ => NewTable()).ToArray();

        for (var round = 0; round < 10; round++)
        {
            var version = (await table.ReadAllAsync()).Version.Next();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var attempts = contenders.Select(async (t, i) =>
            {
                await start.Task;
                return await t.InsertRowAsync(Entry((round * 10) + i + 1), version);
            }).ToArray();
            start.SetResult();

            Assert.Single(await Task.WhenAll(attempts), won => won);
            Assert.Equal(round + 1, (await table.ReadAllAsync()).Rows.Count);
        }
    }

    [Fact]
    public async Task UpdateRowAsync_CurrentETagAndVersion_ReplacesRowAndChangesETag()
    {
        var table = await InitializedTableAsync();
        Assert.True(await table.InsertRowAsync(Entry(1), (await table.ReadAllAsync()).Version.Next()));
        var read = await table.ReadRowAsync(Silo(1));
        var row = Assert.Single(read.Rows);
        var suspected = row.Entry with { SuspectTimes = [new SuspectVote(Silo(2), Started), new SuspectVote(Silo(3), Started.AddSeconds(1))] };

        Assert.True(await table.UpdateRowAsync(suspected, row.ETag, read.Version.Next()));

        var after = await table.ReadRowAsync(Silo(1));
        var updated = Assert.Single(after.Rows);
        Assert.NotEqual(row.ETag, updated.ETag);
        Assert.Equal(suspected.SuspectTimes, updated.Entry.SuspectTimes);
        Assert.Equal(2, after.Version.Version);
    }

    [Fact]
    public async Task UpdateRowAsync_StaleRowETag_ReturnsFalseAndChangesNothing()
    {
        var table = await InitializedTableAsync();
        Assert.True(await table.InsertRowAsync(Entry(1), (await table.ReadAllAsync()).Version.Next()));
        var first = await table.ReadRowAsync(Silo(1));
        Assert.True(await table.UpdateRowAsync(Entry(1, SiloStatus.ShuttingDown), first.Rows[0].ETag, first.Version.Next()));
        var current = await table.ReadAllAsync();

        Assert.False(await table.UpdateRowAsync(Entry(1, SiloStatus.Dead), first.Rows[0].ETag, current.Version.Next()));

        var after = await table.ReadAllAsync();
        Assert.Equal(current.Version, after.Version);
        Assert.Equal(SiloStatus.ShuttingDown, after.Rows[0].Entry.Status);
    }

    [Fact]
    public async Task UpdateRowAsync_StaleTableVersion_ReturnsFalseAndChangesNothing()
    {
        var table = await InitializedTableAsync();
        Assert.True(await table.InsertRowAsync(Entry(1), (await table.ReadAllAsync()).Version.Next()));
        var view = await table.ReadAllAsync();
        Assert.True(await table.InsertRowAsync(Entry(2), view.Version.Next()));

        Assert.False(await table.UpdateRowAsync(Entry(1, SiloStatus.Dead), view.Rows[0].ETag, view.Version.Next()));

        var after = await table.ReadRowAsync(Silo(1));
        Assert.Equal(SiloStatus.Active, after.Rows[0].Entry.Status);
        Assert.Equal(view.Rows[0].ETag, after.Rows[0].ETag);
    }

    [Fact]
    public async Task UpdateIAmAliveAsync_Silo_ChangesOnlyTheHeartbeat()
    {
        var table = await InitializedTableAsync();
        Assert.True(await table.InsertRowAsync(Entry(1), (await table.ReadAllAsync()).Version.Next()));
        var before = await table.ReadAllAsync();

        await table.UpdateIAmAliveAsync(Silo(1), Started.AddMinutes(5));

        var after = await table.ReadAllAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Rows[0].ETag, after.Rows[0].ETag);
        Assert.Equal(Started.AddMinutes(5), after.Rows[0].Entry.IAmAliveTime);
        Assert.Equal(before.Rows[0].Entry with { IAmAliveTime = Started.AddMinutes(5), SuspectTimes = after.Rows[0].Entry.SuspectTimes }, after.Rows[0].Entry);
    }

    [Fact]
    public async Task CleanupDefunctSiloEntriesAsync_OldAndNewRows_DeletesOnlyDeadSilosSilentSinceTheDate()
    {
        var table = await InitializedTableAsync();
        await InsertAsync(table, Entry(1, SiloStatus.Dead) with { IAmAliveTime = Started });
        await InsertAsync(table, Entry(2, SiloStatus.Dead) with { IAmAliveTime = Started.AddHours(2) });
        await InsertAsync(table, Entry(3, SiloStatus.Active) with { IAmAliveTime = Started });

        await table.CleanupDefunctSiloEntriesAsync(Started.AddHours(1));

        Assert.Equal([Silo(2), Silo(3)], (await table.ReadAllAsync()).Rows.Select(r => r.Entry.SiloAddress).OrderBy(s => s.Generation));
    }

    [Fact]
    public async Task ReadAllAsync_TwoClustersInOneTable_SeeOnlyTheirOwnRowsAndVersions()
    {
        var bank = await InitializedTableAsync("bank");
        var shop = await InitializedTableAsync("shop");
        await InsertAsync(bank, Entry(1));
        await InsertAsync(bank, Entry(2));
        await InsertAsync(shop, Entry(1));

        Assert.Equal(2, (await bank.ReadAllAsync()).Rows.Count);
        Assert.Equal(2, (await bank.ReadAllAsync()).Version.Version);
        Assert.Single((await shop.ReadAllAsync()).Rows);
        Assert.Equal(1, (await shop.ReadAllAsync()).Version.Version);
    }

    [Fact]
    public async Task DeleteMembershipTableEntriesAsync_Rows_DeletesThemAndKeepsTheVersion()
    {
        var table = await InitializedTableAsync();
        await InsertAsync(table, Entry(1));
        var stale = (await table.ReadAllAsync()).Version;

        await table.DeleteMembershipTableEntriesAsync();

        var after = await table.ReadAllAsync();
        Assert.Empty(after.Rows);
        Assert.Equal(stale, after.Version);
        Assert.True(await table.InsertRowAsync(Entry(1), after.Version.Next()));
        Assert.False(await table.InsertRowAsync(Entry(2), stale.Next()));
    }

    [Fact]
    public async Task ReadRowAsync_UnknownSilo_ReturnsNoRowsAndTheVersion()
    {
        var table = await InitializedTableAsync();
        await InsertAsync(table, Entry(1));

        var data = await table.ReadRowAsync(Silo(9));

        Assert.Empty(data.Rows);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task AddPostgreSqlMembershipTable_Options_RegistersOneWorkingSingleton()
    {
        var services = new ServiceCollection()
            .AddPostgreSqlMembershipTable(o => o.ConnectionString = "Host=nowhere")
            .AddPostgreSqlMembershipTable(o => { o.ConnectionString = _connectionString; o.ClusterId = "bank"; });
        await using var provider = services.BuildServiceProvider();

        var table = provider.GetRequiredService<IMembershipTable>();
        await table.InitializeAsync();

        Assert.Single(services, d => d.ServiceType == typeof(IMembershipTable));
        Assert.Equal(0, (await table.ReadAllAsync()).Version.Version);
    }

    private static SiloAddress Silo(int generation) => new(new IPEndPoint(IPAddress.Loopback, 11111), generation);

    private static MembershipEntry Entry(int generation, SiloStatus status = SiloStatus.Active) => new()
    {
        SiloAddress = Silo(generation),
        Status = status,
        SiloName = $"silo-{generation}",
        HostName = "localhost",
        StartTime = Started,
        IAmAliveTime = Started,
    };

    private static async Task InsertAsync(PostgreSqlMembershipTable table, MembershipEntry entry) =>
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));

    private PostgreSqlMembershipTable NewTable(string clusterId = "test")
    {
        var table = new PostgreSqlMembershipTable(new PostgreSqlMembershipTableOptions { ConnectionString = _connectionString, ClusterId = clusterId });
        _tables.Add(table);
        return table;
    }

    private async Task<PostgreSqlMembershipTable> InitializedTableAsync(string clusterId = "test")
    {
        var table = NewTable(clusterId);
        await table.InitializeAsync();
        return table;
    }
}
