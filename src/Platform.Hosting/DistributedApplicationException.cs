namespace Platform.Hosting;

/// <summary>The app model is invalid or could not be run; the message says what happened, to what, and what to do.</summary>
public sealed class DistributedApplicationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DistributedApplicationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DistributedApplicationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public DistributedApplicationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
