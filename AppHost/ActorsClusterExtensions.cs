namespace AppHost;

/// <summary>The actor cluster's environment (docs/actors-cluster.md) for silos and clients, as named steps of the app model.</summary>
internal static class ActorsClusterExtensions
{
    /// <summary>A silo of cluster <paramref name="clusterId"/>: any free silo port (published in the membership table) and the shared secret.</summary>
    public static IResourceBuilder<ProjectResource> WithActorsCluster(
        this IResourceBuilder<ProjectResource> builder, string clusterId, IResourceBuilder<ParameterResource> secret) =>
        builder.WithActorsClusterClient(clusterId, secret).WithEnvironment("Actors__SiloPort", "0");

    /// <summary>A client of cluster <paramref name="clusterId"/>.</summary>
    public static IResourceBuilder<ProjectResource> WithActorsClusterClient(
        this IResourceBuilder<ProjectResource> builder, string clusterId, IResourceBuilder<ParameterResource> secret) =>
        builder
            .WithEnvironment("Actors__ClusterId", clusterId)
            .WithEnvironment("Actors__ServiceId", clusterId)
            .WithEnvironment("Actors__ClusterSecret", secret);
}
