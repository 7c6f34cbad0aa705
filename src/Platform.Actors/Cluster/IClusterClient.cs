namespace Platform.Actors;

/// <summary>
/// A frontend's handle on a cluster: hands out grain references whose calls go straight to the silo that owns each grain
/// (found through the membership table). Register it with <see cref="ActorsClusterServiceCollectionExtensions.AddActorsClient"/>.
/// </summary>
/// <example>
/// <code>
/// app.MapGet("/accounts/{id}", (string id, IClusterClient cluster) => cluster.GetGrain&lt;IAccountGrain&gt;(id).GetBalanceAsync());
/// </code>
/// </example>
public interface IClusterClient : IGrainFactory
{
    /// <summary>The silos this client currently sends calls to.</summary>
    IReadOnlyList<Membership.SiloAddress> ActiveSilos { get; }
}
