namespace Platform.Actors;

/// <summary>
/// No grain class is known for a grain interface or grain type name: the implementation is missing, ambiguous,
/// or its assembly was not compiled with the Platform.Actors generator.
/// </summary>
public sealed class GrainTypeNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainTypeNotFoundException()
        : base("No grain class is known for the requested grain.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GrainTypeNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public GrainTypeNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
