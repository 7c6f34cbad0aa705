namespace Platform.Actors.Storage;

/// <summary>
/// A conditional write failed because the stored version is not the one this activation read:
/// another activation wrote first. The runtime deactivates the activation that gets this, so the
/// next call reads the current state.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception with the versions involved.</summary>
    public InconsistentStateException(string message, string? storedETag, string? currentETag, Exception? innerException = null)
        : base(message, innerException)
    {
        StoredETag = storedETag;
        CurrentETag = currentETag;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public InconsistentStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public InconsistentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The version found in storage, or null when the record does not exist (or is unknown).</summary>
    public string? StoredETag { get; }

    /// <summary>The version the activation held.</summary>
    public string? CurrentETag { get; }
}
