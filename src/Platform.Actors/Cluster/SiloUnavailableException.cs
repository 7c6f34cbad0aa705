namespace Platform.Actors;

/// <summary>
/// A transient failure: the silo that hosts (or was to host) the grain is dead, unreachable, or its connection was lost.
/// The call may be retried (the next attempt goes to a live silo) when it was never sent or the operation is idempotent;
/// the message says which.
/// </summary>
public sealed class SiloUnavailableException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public SiloUnavailableException()
        : base("The silo is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SiloUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public SiloUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
