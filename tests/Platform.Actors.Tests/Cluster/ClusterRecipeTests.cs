using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Actors.PostgreSql;
using Platform.Actors.Tests.PostgreSql;

namespace Platform.Actors.Tests.Cluster;

/// <summary>
/// The silo and API hosts exactly as docs/actors-cluster.md tells the bank sample to write them, configured only through the
/// settings the orchestrator provides (Actors__*, ConnectionStrings__bankdb), on real PostgreSQL.
/// </summary>
[Collection(PostgreSqlCollectionDefinition.Name)]
public sealed class ClusterRecipeTests(PostgreSqlFixture postgres)
{
    [Fact]
    public async Task DocumentedSiloAndClientHosts_TwoSilosAndAnApi_CallGrainsWithPersistedState()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Actors:ClusterId"] = "bank-" + Guid.NewGuid().ToString("N")[..8],
            ["Actors:ClusterSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Actors:SiloPort"] = "0",
            ["Actors:Membership:ProbePeriod"] = "00:00:00.250",
            ["Actors:Membership:TableRefreshPeriod"] = "00:00:00.250",
            ["ConnectionStrings:bankdb"] = await postgres.CreateDatabaseAsync(),
        };
        List<IHost> silos = [];
        IHost? api = null;
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var silo = NewBuilder(settings);
                silo.UseActors(actors => actors.UseCluster());
                silo.AddPostgreSqlMembershipTable("bankdb");
                silo.AddPostgreSqlGrainStorage("bankdb");
                silo.AddPostgreSqlReminderTable("bankdb");
                silos.Add(silo.Build());
                await silos[^1].StartAsync();
            }

            var client = NewBuilder(settings);
            client.UseActorsClient();
            client.AddPostgreSqlMembershipTable("bankdb");
            api = client.Build();
            await api.StartAsync();
            var cluster = api.Services.GetRequiredService<IClusterClient>();
            await ClusterTests.WaitUntilAsync(() => Task.FromResult(cluster.ActiveSilos.Count == 2));

            var hosts = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
            {
                var grain = cluster.GetGrain<IClusterCounterGrain>($"recipe-{i}");
                await grain.IncrementAsync();
                Assert.Equal(2, await grain.IncrementAsync());
                return await grain.GetSiloAsync();
            }));

            Assert.Equal(2, hosts.Distinct().Count());
        }
        finally
        {
            foreach (var host in (IHost?[])[api, .. silos])
            {
                if (host is not null)
                {
                    await host.StopAsync();
                    await ((IAsyncDisposable)host).DisposeAsync();
                }
            }
        }
    }

    private static HostApplicationBuilder NewBuilder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
