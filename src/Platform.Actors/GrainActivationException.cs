namespace Platform.Actors;

/// <summary>
/// A grain could not be activated: its constructor, state read or <see cref="Grain.OnActivateAsync"/> failed or timed out.
/// The call was not delivered; the next call tries a fresh activation.
/// </summary>
public sealed class GrainActivationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainActivationException()
        : base("A grain could not be activated.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GrainActivationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public GrainActivationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The grain that failed to activate.</summary>
    public GrainId GrainId { get; init; }
}
