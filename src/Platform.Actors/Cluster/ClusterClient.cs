using Platform.Actors.Membership;
using Platform.Actors.Runtime;

namespace Platform.Actors.Cluster;

/// <summary>The <see cref="IClusterClient"/>: the runtime's grain factory over the <see cref="ClientCallRouter"/>.</summary>
internal sealed class ClusterClient(GrainRuntime runtime, MembershipView view) : IClusterClient
{
    public IReadOnlyList<SiloAddress> ActiveSilos => view.Current.Active;

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey => runtime.GetGrain<TGrainInterface>(primaryKey);

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey => runtime.GetGrain<TGrainInterface>(primaryKey);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
        where TGrainInterface : IGrainWithIntegerKey => runtime.GetGrain<TGrainInterface>(primaryKey);

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension)
        where TGrainInterface : IGrainWithGuidCompoundKey => runtime.GetGrain<TGrainInterface>(primaryKey, keyExtension);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension)
        where TGrainInterface : IGrainWithIntegerCompoundKey => runtime.GetGrain<TGrainInterface>(primaryKey, keyExtension);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IGrain => runtime.GetGrain<TGrainInterface>(grainId);
}
