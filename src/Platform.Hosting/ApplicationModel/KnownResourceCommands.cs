namespace Platform.Hosting.ApplicationModel;

/// <summary>The commands <see cref="ResourceCommandService"/> runs; the first three match the dashboard's.</summary>
public static class KnownResourceCommands
{
    /// <summary>Starts a stopped resource or replica.</summary>
    public const string Start = "start";

    /// <summary>Stops gracefully (SIGTERM, then SIGKILL after the stop timeout); the orchestrator does not restart it.</summary>
    public const string Stop = "stop";

    /// <summary>Stops, then starts.</summary>
    public const string Restart = "restart";

    /// <summary>Fault injection: SIGKILL, as a crash; the orchestrator restarts it with backoff.</summary>
    public const string Kill = "kill";
}
