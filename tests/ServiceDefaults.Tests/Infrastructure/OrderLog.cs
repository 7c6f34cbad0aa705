using Microsoft.Extensions.Logging;

namespace ServiceDefaults.Tests.Infrastructure;

/// <summary>The log message the telemetry test's endpoint writes.</summary>
public static partial class OrderLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Loaded order {OrderId}")]
    public static partial void Loaded(ILogger logger, string orderId);
}
