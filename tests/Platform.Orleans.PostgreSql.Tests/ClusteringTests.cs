using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;
using Orleans.TestingHost;
using Platform.Orleans.PostgreSql.Tests.Grains;
using Platform.Orleans.PostgreSql.Tests.Infrastructure;

namespace Platform.Orleans.PostgreSql.Tests;

/// <summary>Membership through Microsoft.Orleans.Clustering.AdoNet on the project's schema.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class ClusteringTests(PostgresFixture postgres)
{
    private const string ServiceId = "clustering-tests";
    private const int Active = 3;
    private const int Dead = 6;

    [Fact]
    public async Task DeployAsync_TwoSilosOnAdoNetMembership_FormOneClusterWithTwoActiveRows()
    {
        var (cluster, database) = await GetClusterAsync();

        var hosts = await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var rows = await Db.RowsAsync(database,
            "SELECT address, port, generation, status, proxy_port, silo_name FROM orleans_membership WHERE deployment_id = @id ORDER BY port",
            ("id", cluster.Options.ClusterId));

        Assert.Equal(2, hosts.Count);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal(Active, row[3]));
        Assert.All(rows, row => Assert.True((int)row[4]! > 0)); // gateways, which the client found through GatewaysQueryKey
        Assert.Equal(
            hosts.Keys.Select(s => $"{s.Endpoint.Address}:{s.Endpoint.Port}@{s.Generation}").Order(StringComparer.Ordinal),
            rows.Select(r => $"{r[0]}:{r[1]}@{r[2]}").Order(StringComparer.Ordinal));
        // Each silo's insert and each status change moved the table version on.
        Assert.True(await Db.ScalarAsync<int>(database,
            "SELECT version FROM orleans_membership_version WHERE deployment_id = @id", ("id", cluster.Options.ClusterId)) >= 4);
        Assert.Equal(3, await cluster.GrainFactory.GetGrain<ICounterGrain>("membership").Add(3));
    }

    [Fact]
    public async Task AddOrleansPostgreSqlSchema_SilosOnAnEmptyDatabase_ApplySchemaBeforeOrleansStarts()
    {
        // The class database was empty when the cluster started: only the silos' start-up step can have migrated it.
        var (_, database) = await GetClusterAsync();

        Assert.Equal(OrleansPostgreSqlSchema.LatestVersion, await Db.ScalarAsync<int>(database,
            "SELECT max(version) FROM platform_orleans_schema_version"));
        Assert.False(await OrleansPostgreSqlSchema.ApplyAsync(database));
    }

    [Fact]
    public async Task InsertRowAsync_StaleTableVersion_ReturnsFalseAndChangesNothing()
    {
        var table = await CreateMembershipTableAsync();
        var initial = await table.ReadAllAsync();

        Assert.True(await table.InsertRowAsync(Entry(11111, SiloStatus.Joining), initial.Version.Next()));
        Assert.False(await table.InsertRowAsync(Entry(22222, SiloStatus.Joining), initial.Version.Next()));
        var current = await table.ReadAllAsync();
        Assert.False(await table.InsertRowAsync(Entry(11111, SiloStatus.Joining), current.Version.Next())); // already a member

        var after = await table.ReadAllAsync();
        Assert.Equal(0, initial.Version.Version);
        Assert.Equal(1, after.Version.Version);
        Assert.Equal(11111, Assert.Single(after.Members).Item1.SiloAddress.Endpoint.Port);
    }

    [Fact]
    public async Task UpdateRowAsync_CurrentAndStaleVersions_OnlyTheCurrentOneWins()
    {
        var table = await CreateMembershipTableAsync();
        var entry = Entry(11111, SiloStatus.Joining);
        await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next());
        var read = await table.ReadRowAsync(entry.SiloAddress);
        var (stored, etag) = Assert.Single(read.Members);

        stored.Status = SiloStatus.Active;
        stored.AddOrUpdateSuspector(SiloAddress.New(IPAddress.Loopback, 33333, 1), DateTime.UtcNow, 10);
        Assert.True(await table.UpdateRowAsync(stored, etag, read.Version.Next()));
        stored.Status = SiloStatus.Dead;
        Assert.False(await table.UpdateRowAsync(stored, etag, read.Version.Next()));

        var (current, _) = Assert.Single((await table.ReadRowAsync(entry.SiloAddress)).Members);
        Assert.Equal(SiloStatus.Active, current.Status);
        Assert.Equal(33333, Assert.Single(current.SuspectTimes!).Item1.Endpoint.Port);
        Assert.Equal(entry.SiloName, current.SiloName);
        Assert.Equal(entry.StartTime, current.StartTime, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task UpdateIAmAliveAsync_Member_ChangesOnlyItsAliveTime()
    {
        var table = await CreateMembershipTableAsync();
        var entry = Entry(11111, SiloStatus.Active);
        await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next());
        var alive = DateTime.UtcNow.AddMinutes(5);

        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = alive });

        var read = await table.ReadAllAsync();
        Assert.Equal(alive, Assert.Single(read.Members).Item1.IAmAliveTime, TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, read.Version.Version);
    }

    [Fact]
    public async Task CleanupDefunctSiloEntriesAsync_OldDeadAndOldActiveSilos_DeletesOnlyTheDeadOne()
    {
        var table = await CreateMembershipTableAsync();
        var old = DateTime.UtcNow.AddHours(-2);
        var dead = Entry(11111, SiloStatus.Dead, old);
        var active = Entry(22222, SiloStatus.Active, old);
        var recentDead = Entry(33333, SiloStatus.Dead, DateTime.UtcNow);
        foreach (var entry in new[] { dead, active, recentDead })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        }

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddHours(-1));

        var ports = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Order();
        Assert.Equal([22222, 33333], ports);
    }

    [Fact]
    public async Task DeleteMembershipTableEntriesAsync_Deployment_RemovesItsVersionAndSilosOnly()
    {
        var (cluster, database) = await GetClusterAsync();
        var deploymentId = "deleted-" + Guid.NewGuid().ToString("N")[..8];
        var table = await CreateMembershipTableAsync(deploymentId);
        await table.InsertRowAsync(Entry(11111, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next());

        await table.DeleteMembershipTableEntriesAsync(deploymentId);

        Assert.Equal(0L, await Db.ScalarAsync<long>(database,
            "SELECT (SELECT count(*) FROM orleans_membership WHERE deployment_id = @id) + (SELECT count(*) FROM orleans_membership_version WHERE deployment_id = @id)",
            ("id", deploymentId)));
        Assert.Equal(2L, await Db.ScalarAsync<long>(database,
            "SELECT count(*) FROM orleans_membership WHERE deployment_id = @id", ("id", cluster.Options.ClusterId)));
    }

    private static MembershipEntry Entry(int port, SiloStatus status, DateTime? time = null) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 42),
        SiloName = $"silo-{port}",
        HostName = "test-host",
        Status = status,
        ProxyPort = port + 1,
        StartTime = time ?? DateTime.UtcNow,
        IAmAliveTime = time ?? DateTime.UtcNow,
    };

    /// <summary>The provider's own membership table class on a deployment of its own, driven directly.</summary>
    private async Task<AdoNetClusteringTable> CreateMembershipTableAsync(string? deploymentId = null)
    {
        var (_, database) = await GetClusterAsync();
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = deploymentId ?? "direct-" + Guid.NewGuid().ToString("N")[..8], ServiceId = ServiceId }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = OrleansTestClusters.Invariant, ConnectionString = database }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return table;
    }

    private async Task<(TestCluster Cluster, string Database)> GetClusterAsync()
    {
        var database = await postgres.GetClassDatabaseAsync(GetType());
        var cluster = await postgres.GetSharedAsync(nameof(ClusteringTests), () => OrleansTestClusters.StartAsync(database, ServiceId, silos: 2));
        return (cluster, database);
    }
}
