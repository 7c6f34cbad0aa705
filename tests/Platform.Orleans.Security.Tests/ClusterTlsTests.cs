using Orleans.Runtime.Messaging;
using Orleans.TestingHost;
using Platform.Orleans.Security.Tests.Grains;
using Platform.Orleans.Security.Tests.Infrastructure;

namespace Platform.Orleans.Security.Tests;

/// <summary>A two-silo cluster whose silos and client hold the cluster certificate, and the clients it turns away.</summary>
public sealed class ClusterTlsTests(ClusterTlsFixture fixture) : IClassFixture<ClusterTlsFixture>
{
    private TestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task UseClusterTls_SameCertificateEverywhere_GrainCallsReachBothSilos()
    {
        var reached = new HashSet<SiloAddress>();
        // Random placement: the odds that 64 keys all land on one silo are 2^-63.
        for (var key = 0; key < 64 && reached.Count < 2; key++)
        {
            reached.Add(await Cluster.Client.GetGrain<ISiloProbeGrain>(key).GetSiloAsync());
        }

        Assert.Equal(Cluster.Silos.Select(s => s.SiloAddress).Order(), reached.Order());
        Assert.Equal(2, (await Cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count);
    }

    [Fact]
    public async Task UseClusterTls_ClientWithTheClusterCertificate_Connects()
    {
        // The control for the two tests below: the same client set-up, with the right certificate.
        var error = await TlsClusters.TryConnectAsync(Cluster, (client, configuration) =>
        {
            configuration[ClusterCertificate.ConfigurationKey] = fixture.Certificate;
            client.UseClusterTls(configuration);
        });

        Assert.Null(error);
    }

    [Fact]
    public async Task UseClusterTls_ClientWithAnotherCertificate_CannotConnect()
    {
        var error = await TlsClusters.TryConnectAsync(Cluster, (client, configuration) =>
        {
            configuration[ClusterCertificate.ConfigurationKey] = ClusterCertificate.Create();
            client.UseClusterTls(configuration);
        });

        var failure = Assert.IsType<ConnectionFailedException>(error);
        Assert.Contains("Unable to connect to any of the 2 available gateways", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseClusterTls_ClientWithoutTls_CannotConnect()
    {
        var error = await TlsClusters.TryConnectAsync(Cluster, (_, _) => { });

        var failure = Assert.IsType<ConnectionFailedException>(error);
        Assert.Contains("Unable to connect to any of the 2 available gateways", failure.Message, StringComparison.Ordinal);
    }
}
