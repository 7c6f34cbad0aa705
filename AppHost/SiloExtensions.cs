namespace AppHost;

/// <summary>Settings of the app model's Orleans silos.</summary>
internal static class SiloExtensions
{
    /// <summary>
    /// On this machine, silos tell each other and clients to reach them at 127.0.0.1: Orleans advertises the machine's
    /// first network address otherwise, which a firewall or a VPN may close. Deployed, each silo keeps its own address.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithLoopbackAdvertisedAddress(this IResourceBuilder<ProjectResource> silo) =>
        silo.ApplicationBuilder.ExecutionContext.IsRunMode
            ? silo.WithEnvironment("Orleans__Endpoints__AdvertisedIPAddress", "127.0.0.1")
            : silo;
}
