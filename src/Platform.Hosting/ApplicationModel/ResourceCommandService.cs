using Platform.Hosting.Orchestrator;

namespace Platform.Hosting.ApplicationModel;

/// <summary>Runs lifecycle commands (<see cref="KnownResourceCommands"/>) on resources: the entry point for the dashboard and for fault-injection tests.</summary>
public sealed class ResourceCommandService
{
    private readonly ApplicationOrchestrator _orchestrator;

    internal ResourceCommandService(ApplicationOrchestrator orchestrator) => _orchestrator = orchestrator;

    /// <summary>Runs <paramref name="command"/> on resource <paramref name="resourceName"/> (all replicas when <paramref name="replica"/> is null).</summary>
    /// <exception cref="ArgumentException">The resource does not exist, the replica index is out of range, or the command is unknown.</exception>
    public Task ExecuteAsync(string resourceName, string command, int? replica = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceName);
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        return _orchestrator.ExecuteCommandAsync(resourceName, command, replica, cancellationToken);
    }
}
