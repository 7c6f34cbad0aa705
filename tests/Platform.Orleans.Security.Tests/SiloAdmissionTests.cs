using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Platform.Orleans.Security.Tests.Infrastructure;

namespace Platform.Orleans.Security.Tests;

/// <summary>Which silos a TLS cluster lets in.</summary>
public sealed class SiloAdmissionTests
{
    [Fact]
    public async Task UseClusterTls_SiloWithAnotherCertificate_NeverJoins()
    {
        await using var cluster = await TlsClusters.StartAsync(ClusterCertificate.Create(), silos: 1);
        await cluster.StartAdditionalSiloAsync(startAdditionalSiloOnNewPort: true);

        IConfigurationSource stranger = new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { [ClusterCertificate.ConfigurationKey] = ClusterCertificate.Create() },
        };
        // Orleans keeps a silo that cannot reach the membership table retrying for minutes, so the wait is bounded; the
        // silo with the right certificate above joined well within that bound.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var error = await Record.ExceptionAsync(() => cluster.StartSiloAsync(9, cluster.Options, [stranger], startSiloOnNewPort: true, bound.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(error);
        var hosts = await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false);
        Assert.Equal(cluster.Silos.Select(s => s.SiloAddress).Order(), hosts.Keys.Order());
        Assert.All(hosts.Values, status => Assert.Equal(SiloStatus.Active, status));
    }
}
