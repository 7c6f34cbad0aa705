using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Actors.Membership;

namespace Platform.Actors.Tests.Cluster;

/// <summary>A silo host configured as the orchestrator configures one: Actors__* settings in the environment-style configuration.</summary>
public sealed class ClusterHostingTests
{
    [Fact]
    public async Task UseCluster_ActorsSettingsInConfiguration_SiloListensOnTheConfiguredPortAndJoins()
    {
        var port = FreePort();
        var table = new InMemoryMembershipTable();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Actors:ClusterId"] = "bank",
            ["Actors:SiloPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Actors:ClusterSecret"] = "orchestrator-generated-secret",
            ["Actors:Membership:ProbePeriod"] = "00:00:00.250",
        });
        builder.UseActors(actors => actors.UseCluster());
        builder.Services.AddInMemoryMembershipTable(table);
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            var silo = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
            Assert.Equal(new IPEndPoint(IPAddress.Loopback, port), silo.Endpoint);
            Assert.Equal(TimeSpan.FromMilliseconds(250), host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.Membership.ProbePeriod);
            var row = Assert.Single((await table.ReadAllAsync()).Rows);
            Assert.Equal((silo, SiloStatus.Active), (row.Entry.SiloAddress, row.Entry.Status));
        }
        finally
        {
            await host.StopAsync();
        }

        Assert.Equal(SiloStatus.Dead, Assert.Single((await table.ReadAllAsync()).Rows).Entry.Status);
    }

    [Fact]
    public async Task UseCluster_NoClusterSecret_StartFailsNamingTheSetting()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseActors(actors => actors.UseCluster());
        builder.Services.AddInMemoryMembershipTable();
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("Actors:ClusterSecret", error.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
