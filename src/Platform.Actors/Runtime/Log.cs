using Microsoft.Extensions.Logging;

namespace Platform.Actors.Runtime;

/// <summary>The runtime's log messages, source-generated with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Warning, "Grain {GrainId} could not be activated")]
    public static partial void ActivationFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(1002, LogLevel.Warning, "Grain {GrainId} failed to deactivate cleanly ({Reason})")]
    public static partial void DeactivationFailed(ILogger logger, GrainId grainId, DeactivationReasonCode reason, Exception exception);

    [LoggerMessage(1003, LogLevel.Debug, "Grain {GrainId} deactivated ({Reason})")]
    public static partial void Deactivated(ILogger logger, GrainId grainId, DeactivationReasonCode reason);

    [LoggerMessage(1004, LogLevel.Warning, "A turn of grain {GrainId} failed (timer tick or runtime error)")]
    public static partial void TurnFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(1005, LogLevel.Warning, "One-way call {Interface}.{Method} to grain {GrainId} failed")]
    public static partial void OneWayFailed(ILogger logger, string @interface, string method, GrainId grainId, Exception exception);

    [LoggerMessage(1006, LogLevel.Debug, "Collected {Count} idle activations")]
    public static partial void Collected(ILogger logger, int count);

    [LoggerMessage(1007, LogLevel.Warning, "Deactivating activations at shutdown did not finish")]
    public static partial void ShutdownIncomplete(ILogger logger, Exception exception);

    [LoggerMessage(1101, LogLevel.Warning, "Reminder {ReminderName} of grain {GrainId} failed to deliver")]
    public static partial void ReminderFailed(ILogger logger, GrainId grainId, string reminderName, Exception exception);

    [LoggerMessage(1102, LogLevel.Warning, "Reading reminders from the reminder table failed")]
    public static partial void ReminderRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(1103, LogLevel.Information, "Reminder service started with {Count} reminders")]
    public static partial void RemindersLoaded(ILogger logger, int count);
}
