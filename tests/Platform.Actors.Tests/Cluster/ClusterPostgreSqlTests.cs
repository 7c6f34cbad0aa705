using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Actors.Membership;
using Platform.Actors.PostgreSql;
using Platform.Actors.Testing;
using Platform.Actors.Tests.PostgreSql;

namespace Platform.Actors.Tests.Cluster;

/// <summary>The cluster on real PostgreSQL membership and grain storage, as users run it.</summary>
[Collection(PostgreSqlCollectionDefinition.Name)]
public sealed class ClusterPostgreSqlTests(PostgreSqlFixture postgres)
{
    [Fact]
    public async Task AddPostgreSqlMembershipTable_NoClusterId_UsesActorsClusterIdFromConfiguration()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Actors:ClusterId"] = "bank", ["ConnectionStrings:bankdb"] = connectionString })
            .Build());
        services.AddActorsClient(o => o.ClusterSecret = "secret");
        services.AddPostgreSqlMembershipTable(o => o.ConnectionName = "bankdb");
        await using var provider = services.BuildServiceProvider();
        var table = provider.GetRequiredService<IMembershipTable>();
        await table.InitializeAsync();
        var silo = new SiloAddress(new IPEndPoint(IPAddress.Loopback, 30000), 1);

        Assert.True(await table.InsertRowAsync(new MembershipEntry { SiloAddress = silo, Status = SiloStatus.Active }, (await table.ReadAllAsync()).Version.Next()));

        await using var bank = new PostgreSqlMembershipTable(new PostgreSqlMembershipTableOptions { ConnectionString = connectionString, ClusterId = "bank" });
        Assert.Equal([silo], (await bank.ReadAllAsync()).Rows.Select(r => r.Entry.SiloAddress));
    }

    [Fact]
    public async Task KillSilo_UnderConcurrentWrites_DeclaredDeadAndGrainsComeBackWithEveryAcknowledgedWrite()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var cluster = await TestCluster.StartAsync(b => b.ConfigureServices(s =>
        {
            s.AddPostgreSqlMembershipTable(o =>
            {
                o.ConnectionString = connectionString;
                o.ClusterId = b.ClusterId;
            });
            s.AddPostgreSqlGrainStorage(PersistentStateAttribute.DefaultStorageName, connectionString);
        }));
        Assert.IsType<PostgreSqlMembershipTable>(cluster.MembershipTable);
        var victim = cluster.Silos[0];
        var onVictim = await ClusterTests.GrainsOnAsync(cluster, victim, count: 4);
        IClusterCounterGrain[] grains = [.. onVictim, .. Enumerable.Range(0, 8).Select(i => cluster.Client.GetGrain<IClusterCounterGrain>($"pg-{i}"))];
        var acknowledged = new ConcurrentDictionary<int, int>();
        var unknown = new ConcurrentDictionary<int, int>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var index = (w + n++) % grains.Length;
                try
                {
                    var count = await grains[index].IncrementAsync();
                    acknowledged.AddOrUpdate(index, count, (_, old) => Math.Max(old, count));
                }
                catch (Exception ex) when (ex is SiloUnavailableException or GrainCallTimeoutException or GrainMethodException)
                {
                    unknown.AddOrUpdate(index, 1, static (_, old) => old + 1);
                    await Task.Delay(20);
                }
            }
        })).ToArray();
        await ClusterTests.WaitUntilAsync(() => Task.FromResult(acknowledged.Count == grains.Length));

        await cluster.KillSiloAsync(victim);

        await ClusterTests.WaitUntilAsync(async () =>
            (await cluster.MembershipTable.ReadRowAsync(victim.SiloAddress)).Rows.Single().Entry.Status == SiloStatus.Dead);
        await cluster.WaitForLivenessToStabilizeAsync(TimeSpan.FromSeconds(30));
        var afterDeath = acknowledged.ToDictionary();
        await ClusterTests.WaitUntilAsync(() => Task.FromResult(Enumerable.Range(0, grains.Length).All(i => acknowledged[i] > afterDeath[i])));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        for (var i = 0; i < grains.Length; i++)
        {
            var stored = await grains[i].GetAsync();
            Assert.InRange(stored, acknowledged[i], acknowledged[i] + unknown.GetValueOrDefault(i));
            Assert.NotEqual(victim.SiloAddress.ToString(), await grains[i].GetSiloAsync());
        }
    }
}
