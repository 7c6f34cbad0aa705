namespace Platform.Hosting.Dashboard.Resources;

/// <summary>
/// What the dashboard reads about the app model's resources, and the commands it may send back.
/// The orchestrator implements it; the dashboard never reaches into the orchestrator otherwise.
/// </summary>
public interface IResourceSource
{
    /// <summary>Returns the current state of every resource, in the app model's declaration order.</summary>
    IReadOnlyList<ResourceSnapshot> GetResources();

    /// <summary>Yields a resource's new snapshot each time anything about it changes, until <paramref name="cancellationToken"/> fires.</summary>
    IAsyncEnumerable<ResourceSnapshot> WatchResourcesAsync(CancellationToken cancellationToken);

    /// <summary>Returns the buffered console output of a resource (all replicas when <paramref name="replica"/> is null), oldest first.</summary>
    IReadOnlyList<ConsoleLogLine> GetConsoleLogs(string resourceName, int? replica = null);

    /// <summary>Yields console lines of a resource as they are written, until <paramref name="cancellationToken"/> fires.</summary>
    IAsyncEnumerable<ConsoleLogLine> WatchConsoleLogsAsync(string resourceName, CancellationToken cancellationToken);

    /// <summary>Runs a lifecycle command on a resource (all replicas when <paramref name="replica"/> is null).</summary>
    /// <exception cref="ArgumentException">The resource does not exist, or the command is not one of <see cref="ResourceCommands"/>.</exception>
    Task ExecuteCommandAsync(string resourceName, string command, int? replica, CancellationToken cancellationToken);
}
