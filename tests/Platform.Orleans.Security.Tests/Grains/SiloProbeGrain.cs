using Orleans.Placement;

namespace Platform.Orleans.Security.Tests.Grains;

/// <summary>Placed at random, so that a handful of keys land on every silo.</summary>
[RandomPlacement]
public sealed class SiloProbeGrain(ILocalSiloDetails silo) : Grain, ISiloProbeGrain
{
    public Task<SiloAddress> GetSiloAsync() => Task.FromResult(silo.SiloAddress);
}
