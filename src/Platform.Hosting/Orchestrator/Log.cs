using Microsoft.Extensions.Logging;

namespace Platform.Hosting.Orchestrator;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Critical, "{Message}")]
    public static partial void StartFailed(ILogger logger, string message);

    [LoggerMessage(2, LogLevel.Error, "{Resource} failed: {Reason}")]
    public static partial void ResourceFailed(ILogger logger, string resource, string reason);

    [LoggerMessage(3, LogLevel.Warning, "{Resource} exited with code {ExitCode}; restarting in {Delay} s")]
    public static partial void Restarting(ILogger logger, string resource, int exitCode, double delay);

    [LoggerMessage(4, LogLevel.Warning, "{Resource} replica {Replica} did not stop within {Timeout} s; killing it")]
    public static partial void StopTimedOut(ILogger logger, string resource, int replica, double timeout);

    [LoggerMessage(5, LogLevel.Warning, "Killed leftover process {Pid} ({Name}) of an AppHost that did not stop cleanly")]
    public static partial void ReapingOrphan(ILogger logger, string name, int pid);

    [LoggerMessage(6, LogLevel.Warning, "{Resource} is still waiting for {Dependency}, which is {State}. Its last output: {Lines}")]
    public static partial void StillWaiting(ILogger logger, string resource, string dependency, string state, string lines);

    [LoggerMessage(7, LogLevel.Information, "Building {Projects} ({Configuration})")]
    public static partial void Building(ILogger logger, string projects, string configuration);

    [LoggerMessage(8, LogLevel.Information, "{Resource} is healthy")]
    public static partial void Healthy(ILogger logger, string resource);

    [LoggerMessage(9, LogLevel.Information, "Stopping {Count} resources")]
    public static partial void Stopping(ILogger logger, int count);
}
