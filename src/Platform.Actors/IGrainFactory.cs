namespace Platform.Actors;

/// <summary>
/// Hands out references to grains. A reference is cheap and can be created for any key: the grain is activated on
/// its first call. Available from DI and as <see cref="Grain.GrainFactory"/>.
/// </summary>
public interface IGrainFactory
{
    /// <summary>Returns a reference to the grain with a string key.</summary>
    /// <exception cref="GrainTypeNotFoundException">No grain class implements <typeparamref name="TGrainInterface"/>.</exception>
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey;

    /// <summary>Returns a reference to the grain with a Guid key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey;

    /// <summary>Returns a reference to the grain with an integer key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
        where TGrainInterface : IGrainWithIntegerKey;

    /// <summary>Returns a reference to the grain with a Guid key and a string extension.</summary>
    TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension)
        where TGrainInterface : IGrainWithGuidCompoundKey;

    /// <summary>Returns a reference to the grain with an integer key and a string extension.</summary>
    TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension)
        where TGrainInterface : IGrainWithIntegerCompoundKey;

    /// <summary>Returns a reference of interface <typeparamref name="TGrainInterface"/> to the grain with this exact id.</summary>
    TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IGrain;
}
