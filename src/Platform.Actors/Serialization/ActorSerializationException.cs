namespace Platform.Actors.Serialization;

/// <summary>A value could not be serialized or deserialized: no codec for its type, or a corrupt or incompatible payload.</summary>
public sealed class ActorSerializationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ActorSerializationException()
        : base("A value could not be serialized or deserialized.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ActorSerializationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ActorSerializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
