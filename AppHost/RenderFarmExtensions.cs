using Aspire.Hosting.Orleans;

namespace AppHost;

/// <summary>The render farm's steps of the app model: its database, its silos in the shared cluster, its API.</summary>
internal static class RenderFarmExtensions
{
    /// <summary>
    /// Adds the render farm beside the bank: <c>farmdb</c> on the bank's PostgreSQL server (grain storage <c>farm</c>
    /// and the API's tokens), three <c>farm-silo</c> replicas that join the same Orleans cluster with the farm's grains
    /// (Orleans places a grain type only on silos that have it, so rendering never runs in the bank's silos), and the
    /// <c>farm</c> API on a fixed port, whose admin token is the bank's. The farm's silos start once <paramref name="bankSilo"/> is healthy.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddRenderFarm(
        this IDistributedApplicationBuilder builder,
        OrleansService orleans,
        IResourceBuilder<IResourceWithConnectionString> bankDb,
        IResourceBuilder<IResourceWithConnectionString> redis,
        IResourceBuilder<ParameterResource> clusterCertificate,
        IResourceBuilder<ParameterResource> adminToken,
        IResourceBuilder<ProjectResource> bankSilo)
    {
        var server = (IResourceWithConnectionString)((IResourceWithParent)bankDb.Resource).Parent;
        var farmDb = builder.CreateResourceBuilder(server).AddDatabase("farmdb");
        // Only silos that reference the cluster after this line (the farm's) get this storage: the bank's never activate a farm grain.
        orleans.WithGrainStorage("farm", farmDb.AsOrleansAdoNetProvider());

        var silo = builder.AddProject<Projects.RenderFarm_Silo>("farm-silo")
            .WithReplicas(3)
            .WithReferenceEnvironment(ReferenceEnvironmentInjectionFlags.ConnectionString)
            .WithReference(orleans)
            .WithOrleansClusterCertificate(clusterCertificate)
            .WithLoopbackAdvertisedAddress()
            .WithHttpHealthCheck("/health")
            .WithDeployedHealthProbes()
            // Six silos joining at once on a small machine starve each other's 1 s membership probes, and a joining silo
            // can be voted dead (seen on 2 cores): the farm's silos join once the bank's are up.
            .WaitFor(bankSilo)
            .WaitFor(farmDb)
            .WaitFor(redis);

        return builder.AddProject<Projects.RenderFarm_Api>("farm")
            .WithExternalHttpEndpoints()
            .WithUrlForEndpoint("http", url => url.DisplayText = "Render farm (page and API)")
            .WithReferenceEnvironment(ReferenceEnvironmentInjectionFlags.ConnectionString)
            .WithReference(orleans.AsClient())
            .WithOrleansClusterCertificate(clusterCertificate)
            .WithEnvironment("Farm__AdminToken", adminToken)
            .WithHttpHealthCheck("/health")
            .WithDeployedHealthProbes()
            .WithReference(farmDb).WaitFor(farmDb)
            .WaitFor(redis)
            .WaitFor(silo);
    }
}
