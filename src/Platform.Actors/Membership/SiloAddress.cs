using System.Net;

namespace Platform.Actors.Membership;

/// <summary>
/// A silo's identity in the membership table: its endpoint plus a generation, so a silo restarted on the same endpoint is a
/// different silo.
/// </summary>
/// <param name="Endpoint">The silo-to-silo endpoint.</param>
/// <param name="Generation">Distinguishes restarts on one endpoint; by convention the start time in seconds, so it only grows.</param>
public sealed record SiloAddress(IPEndPoint Endpoint, int Generation)
{
    /// <summary>Returns <c>address:port@generation</c>, the form used in logs and in suspect lists.</summary>
    public override string ToString() => $"{Endpoint}@{Generation}";
}
