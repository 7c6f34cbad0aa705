namespace Platform.Actors.Storage;

/// <summary>
/// A grain's persistent state, injected with <see cref="PersistentStateAttribute"/> and read before
/// <see cref="Grain.OnActivateAsync"/>. Writes are conditional on <see cref="ETag"/>: when another activation wrote
/// first, <see cref="WriteStateAsync"/> throws <see cref="InconsistentStateException"/> and the runtime deactivates this
/// activation after the current call, so the next call reads the current state.
/// </summary>
/// <typeparam name="T">The state type.</typeparam>
public interface IPersistentState<T>
{
    /// <summary>The state; a new default instance when no record exists.</summary>
    T State { get; set; }

    /// <summary>The version of the stored record; null when none exists.</summary>
    string? ETag { get; }

    /// <summary>True when a record exists in storage.</summary>
    bool RecordExists { get; }

    /// <summary>Reads the state from storage, replacing <see cref="State"/>.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="State"/> if storage still holds the version read.</summary>
    /// <exception cref="InconsistentStateException">Another activation wrote first.</exception>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored state if storage still holds the version read, and resets <see cref="State"/>.</summary>
    /// <exception cref="InconsistentStateException">Another activation wrote first.</exception>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
