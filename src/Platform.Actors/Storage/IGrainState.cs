namespace Platform.Actors.Storage;

/// <summary>The state of one grain as a storage provider reads and writes it.</summary>
/// <typeparam name="T">The state type.</typeparam>
public interface IGrainState<T>
{
    /// <summary>The state; a new default instance when no record exists.</summary>
    T State { get; set; }

    /// <summary>The version of the stored record this state was read from or last written as; null when none exists.</summary>
    string? ETag { get; set; }

    /// <summary>True when a record exists in storage.</summary>
    bool RecordExists { get; set; }
}
