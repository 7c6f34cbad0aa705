namespace Platform.Hosting.ApplicationModel;

/// <summary>The states a resource or replica moves through.</summary>
public static class KnownResourceStates
{
    /// <summary>Declared, not started yet.</summary>
    public const string NotStarted = "NotStarted";

    /// <summary>Waiting for its dependencies.</summary>
    public const string Waiting = "Waiting";

    /// <summary>Being prepared or launched.</summary>
    public const string Starting = "Starting";

    /// <summary>The process runs; no health verdict yet.</summary>
    public const string Running = "Running";

    /// <summary>Running and its health check passes (or it has none).</summary>
    public const string Healthy = "Healthy";

    /// <summary>Running, but its health check fails.</summary>
    public const string Unhealthy = "Unhealthy";

    /// <summary>The process exited by itself; the detail carries the exit code.</summary>
    public const string Exited = "Exited";

    /// <summary>Could not be started; the detail carries the reason.</summary>
    public const string Failed = "Failed";

    /// <summary>Being stopped on purpose.</summary>
    public const string Stopping = "Stopping";

    /// <summary>Stopped on purpose.</summary>
    public const string Stopped = "Stopped";
}
