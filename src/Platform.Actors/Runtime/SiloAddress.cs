using System.Net;

namespace Platform.Actors.Runtime;

/// <summary>
/// Placeholder for a silo's network identity, filled in by the cluster issue (endpoint plus generation, so a restarted
/// silo on the same port is a different silo). A single silo is <see cref="Local"/>.
/// </summary>
internal sealed record SiloAddress(IPEndPoint Endpoint, int Generation)
{
    public static SiloAddress Local { get; } = new(new IPEndPoint(IPAddress.Loopback, 0), 0);

    public override string ToString() => $"{Endpoint}@{Generation}";
}
