using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting.Orchestrator;

// Runs `dotnet {built assembly}` in the project's folder, so its appsettings and content root are the project's.
internal sealed class ProjectDriver(ProjectResource project, ResourceRuntime runtime, OrchestratorContext context)
    : ProcessResourceDriver(project, runtime, context)
{
    public string? AssemblyPath { get; set; }

    public override Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task<ProcessLaunch> CreateLaunchAsync(int replica, CancellationToken cancellationToken)
    {
        var assembly = AssemblyPath ?? throw new InvalidOperationException($"Project '{project.Name}' was not built.");
        return Task.FromResult(CreateLaunch(replica, DotnetHost.Path, [assembly], Path.GetDirectoryName(project.ProjectPath)!));
    }
}
