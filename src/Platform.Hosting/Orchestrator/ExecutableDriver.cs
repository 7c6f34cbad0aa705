using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Servers;

namespace Platform.Hosting.Orchestrator;

internal sealed class ExecutableDriver(ExecutableResource executable, ResourceRuntime runtime, OrchestratorContext context)
    : ProcessResourceDriver(executable, runtime, context)
{
    private string? _fullPath;

    public override Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(executable.WorkingDirectory))
        {
            throw new DistributedApplicationException($"working directory '{executable.WorkingDirectory}' does not exist.");
        }

        // Resolved up front: a missing program is a clear one-line failure, not a crash loop.
        var command = executable.Command.Contains('/', StringComparison.Ordinal)
            ? Path.GetFullPath(executable.Command, executable.WorkingDirectory)
            : executable.Command;
        _fullPath = OsBinary.TryFind(command)
                    ?? throw new DistributedApplicationException($"{executable.Command} not found: no such program in PATH or '{executable.WorkingDirectory}'.");
        return Task.CompletedTask;
    }

    public override Task<ProcessLaunch> CreateLaunchAsync(int replica, CancellationToken cancellationToken)
        => Task.FromResult(CreateLaunch(replica, _fullPath!, [], executable.WorkingDirectory));
}
