namespace RenderFarm.Grains;

/// <summary>This silo as the farm names it in events, statuses and metrics: its endpoint (host:port).</summary>
public sealed class FarmSilo(ILocalSiloDetails details)
{
    /// <summary>The silo's name.</summary>
    public string Name { get; } = details.SiloAddress.Endpoint.ToString();
}
