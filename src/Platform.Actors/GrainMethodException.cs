namespace Platform.Actors;

/// <summary>
/// A grain method threw. Every exception from grain code reaches the caller wrapped in this type, locally and (later)
/// across silos alike, so callers handle one shape: <see cref="CauseType"/> and <see cref="CauseMessage"/> always say what
/// went wrong, and <see cref="Exception.InnerException"/> is the original exception when the grain ran in this process.
/// The activation keeps serving.
/// </summary>
public sealed class GrainMethodException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainMethodException()
        : base("A grain method threw.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GrainMethodException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public GrainMethodException(string message, Exception innerException)
        : base(message, innerException)
    {
        CauseType = innerException?.GetType().FullName;
        CauseMessage = innerException?.Message;
    }

    /// <summary>Creates the exception for a call of <paramref name="methodName"/> on <paramref name="grainId"/> that threw <paramref name="cause"/>.</summary>
    public GrainMethodException(GrainId grainId, string interfaceName, string methodName, Exception cause)
        : base(FormatMessage(grainId, interfaceName, methodName, cause?.GetType().FullName, cause?.Message), cause)
    {
        GrainId = grainId;
        InterfaceName = interfaceName;
        MethodName = methodName;
        CauseType = cause?.GetType().FullName;
        CauseMessage = cause?.Message;
    }

    /// <summary>The grain whose method threw.</summary>
    public GrainId GrainId { get; init; }

    /// <summary>The full name of the grain interface called.</summary>
    public string? InterfaceName { get; init; }

    /// <summary>The method called.</summary>
    public string? MethodName { get; init; }

    /// <summary>The full type name of the exception the grain threw.</summary>
    public string? CauseType { get; init; }

    /// <summary>The message of the exception the grain threw.</summary>
    public string? CauseMessage { get; init; }

    /// <summary>Formats the standard message, also used when the exception is rebuilt from a remote response.</summary>
    public static string FormatMessage(GrainId grainId, string? interfaceName, string? methodName, string? causeType, string? causeMessage) =>
        $"Grain '{grainId}' method '{interfaceName}.{methodName}' threw {causeType}: {causeMessage}";
}
