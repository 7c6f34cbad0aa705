using Microsoft.Extensions.Logging;

namespace ServiceDefaults.Tests.Infrastructure;

internal static partial class TransferLog
{
    [LoggerMessage(1, LogLevel.Information, "Moved {Amount} EUR")]
    public static partial void Moved(ILogger logger, int amount);
}
