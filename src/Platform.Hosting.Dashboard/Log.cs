using Microsoft.Extensions.Logging;

namespace Platform.Hosting.Dashboard;

/// <summary>The dashboard's log messages. None of them carries a token or key.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Dashboard listening on {BrowserUrl} (open the login URL printed by the AppHost)")]
    public static partial void DashboardStarted(ILogger logger, string browserUrl);

    [LoggerMessage(2, LogLevel.Information, "OTLP/HTTP receiver listening on {OtlpUrl}")]
    public static partial void OtlpStarted(ILogger logger, string otlpUrl);

    [LoggerMessage(3, LogLevel.Debug, "Rejected OTLP request to {Path} with {StatusCode}: {Reason}")]
    public static partial void OtlpRejected(ILogger logger, string path, int statusCode, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Watching resource changes failed; retrying")]
    public static partial void ResourceWatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Command {Command} on resource {Resource} failed")]
    public static partial void CommandFailed(ILogger logger, string command, string resource, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "Rejected a browser login with a wrong token from {RemoteAddress}")]
    public static partial void LoginRejected(ILogger logger, string remoteAddress);
}
