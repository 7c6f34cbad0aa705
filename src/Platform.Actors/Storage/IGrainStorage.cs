namespace Platform.Actors.Storage;

/// <summary>
/// A grain storage provider. Every write and clear is conditional on <see cref="IGrainState{T}.ETag"/>:
/// when the stored version differs, the provider throws <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads the state into <paramref name="grainState"/>, setting its ETag and RecordExists.</summary>
    Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default);

    /// <summary>Writes the state if the stored version still equals <see cref="IGrainState{T}.ETag"/>, then sets the new ETag.</summary>
    /// <exception cref="InconsistentStateException">The stored version differs from the one read.</exception>
    Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default);

    /// <summary>Deletes the state if the stored version still equals <see cref="IGrainState{T}.ETag"/>, then resets ETag and RecordExists.</summary>
    /// <exception cref="InconsistentStateException">The stored version differs from the one read.</exception>
    Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default);
}
