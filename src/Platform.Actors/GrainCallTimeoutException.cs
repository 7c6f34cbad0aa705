namespace Platform.Actors;

/// <summary>
/// A grain call got no response within the response timeout. The grain may still complete the call: the outcome is
/// unknown, so retry only idempotent operations or ones that carry an idempotency key.
/// </summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public GrainCallTimeoutException()
        : base("A grain call timed out; the outcome is unknown.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GrainCallTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public GrainCallTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a call of <paramref name="methodName"/> on <paramref name="grainId"/> that waited <paramref name="timeout"/>.</summary>
    public GrainCallTimeoutException(GrainId grainId, string methodName, TimeSpan timeout)
        : base($"Grain '{grainId}' method '{methodName}' timed out after {FormatTimeout(timeout)}; the outcome is unknown. Retry only if the operation is idempotent or carries an idempotency key.")
    {
        GrainId = grainId;
        MethodName = methodName;
        Timeout = timeout;
    }

    /// <summary>The grain called.</summary>
    public GrainId GrainId { get; }

    /// <summary>The method called.</summary>
    public string? MethodName { get; }

    /// <summary>How long the caller waited.</summary>
    public TimeSpan Timeout { get; }

    private static string FormatTimeout(TimeSpan timeout) =>
        timeout.TotalSeconds >= 1 && timeout.Milliseconds == 0
            ? $"{timeout.TotalSeconds:0} s"
            : $"{timeout.TotalMilliseconds:0} ms";
}
