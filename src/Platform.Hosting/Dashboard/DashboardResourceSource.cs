using System.Runtime.CompilerServices;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Dashboard.Resources;

namespace Platform.Hosting.Dashboard;

// The dashboard's view of the app model: a field-by-field mapping over the orchestrator's three public services.
// Secrets are already masked in ResourceStatus.Environment.
internal sealed class DashboardResourceSource(
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    Func<ResourceCommandService> commands) : IResourceSource
{
    public IReadOnlyList<ResourceSnapshot> GetResources() => [.. notifications.GetResources().Select(ToSnapshot)];

    public async IAsyncEnumerable<ResourceSnapshot> WatchResourcesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var status in notifications.WatchAsync(cancellationToken))
        {
            yield return ToSnapshot(status);
        }
    }

    public IReadOnlyList<ConsoleLogLine> GetConsoleLogs(string resourceName, int? replica = null)
        => [.. logs.GetLogs(resourceName, replica).Select(ToLine)];

    public async IAsyncEnumerable<ConsoleLogLine> WatchConsoleLogsAsync(string resourceName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Fail the stream for a name the model does not know, as the dashboard's contract expects.
        notifications.GetResource(resourceName);
        await foreach (var line in logs.WatchAsync(resourceName, cancellationToken))
        {
            yield return ToLine(line);
        }
    }

    public Task ExecuteCommandAsync(string resourceName, string command, int? replica, CancellationToken cancellationToken)
    {
        // The dashboard offers start, stop and restart; kill is fault injection for tests only.
        if (command is not (ResourceCommands.Start or ResourceCommands.Stop or ResourceCommands.Restart))
        {
            throw new ArgumentException($"Unknown command '{command}'; use start, stop or restart.", nameof(command));
        }

        return commands().ExecuteAsync(resourceName, command, replica, cancellationToken);
    }

    internal static ResourceSnapshot ToSnapshot(ResourceStatus status) => new(
        status.Name,
        status.Type,
        status.State,
        status.StateDetail,
        status.Health,
        status.StartedAt,
        status.RestartCount,
        [.. status.Replicas.Select(r => new ReplicaSnapshot(r.Index, r.InstanceId, r.State, r.ProcessId, r.ExitCode, r.StartedAt, r.RestartCount))],
        [.. status.Urls.Select(u => new ResourceUrl(u.Name, u.Url, u.IsExternal))],
        [.. status.Environment.Select(e => new EnvironmentVariableSnapshot(e.Name, e.Value, e.IsSecret))],
        status.Parent);

    private static ConsoleLogLine ToLine(ResourceLogLine line) => new(line.Resource, line.Replica, line.Sequence, line.Timestamp, line.Text, line.IsError);
}
