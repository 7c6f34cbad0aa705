namespace Platform.Orleans.Security.Tests.Grains;

/// <summary>Tells which silo it runs on, to see calls reach every silo.</summary>
public interface ISiloProbeGrain : IGrainWithIntegerKey
{
    Task<SiloAddress> GetSiloAsync();
}
