using Platform.Actors.Membership;

namespace Platform.Actors;

/// <summary>This silo's identity in the cluster (inject it into grains or services of a silo host).</summary>
public interface ILocalSiloDetails
{
    /// <summary>The silo's address (endpoint and generation); set once the silo listens, before it joins.</summary>
    SiloAddress SiloAddress { get; }

    /// <summary>The silo's name in the membership table.</summary>
    string SiloName { get; }
}
