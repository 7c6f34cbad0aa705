using Orleans.TestingHost;
using Platform.Orleans.Security.Tests.Infrastructure;

namespace Platform.Orleans.Security.Tests;

/// <summary>One two-silo cluster on cluster certificate <see cref="Certificate"/>, shared by a test class.</summary>
public sealed class ClusterTlsFixture : IAsyncLifetime
{
    public string Certificate { get; } = ClusterCertificate.Create();

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await TlsClusters.StartAsync(Certificate);

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
