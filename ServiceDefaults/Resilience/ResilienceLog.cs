using Microsoft.Extensions.Logging;

namespace ServiceDefaults.Resilience;

/// <summary>Log messages of the standard resilience handler. Paths only: query strings can carry secrets.</summary>
internal static partial class ResilienceLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "HttpClient '{ClientName}': attempt {Attempt} of {Method} {Path} failed ({Outcome}); retrying in {DelayMilliseconds} ms.")]
    public static partial void Retrying(ILogger logger, string clientName, int attempt, string method, string? path, string outcome, double delayMilliseconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "HttpClient '{ClientName}': circuit opened after {Outcome}; calls fail fast for {BreakMilliseconds} ms.")]
    public static partial void CircuitOpened(ILogger logger, string clientName, string outcome, double breakMilliseconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "HttpClient '{ClientName}': circuit closed; calls flow again.")]
    public static partial void CircuitClosed(ILogger logger, string clientName);
}
