using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Servers;

namespace Platform.Hosting.Orchestrator;

// Shared by projects and executables: the environment contract, arguments and the HTTP health check.
internal abstract class ProcessResourceDriver(IResource resource, ResourceRuntime runtime, OrchestratorContext context) : IProcessDriver
{
    public int StopSignal => Native.SigTerm;

    public bool HasHealthCheck => resource.Annotations.Find<HttpHealthCheckAnnotation>() is not null;

    protected IResource Resource => resource;

    public abstract Task PrepareAsync(CancellationToken cancellationToken);

    public abstract Task<ProcessLaunch> CreateLaunchAsync(int replica, CancellationToken cancellationToken);

    public Task<bool> ProbeAsync(int replica, CancellationToken cancellationToken)
    {
        var check = resource.Annotations.Find<HttpHealthCheckAnnotation>()!;
        var endpoint = resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == check.EndpointName)
                       ?? throw new DistributedApplicationException($"Resource '{resource.Name}' has a health check on endpoint '{check.EndpointName}', which it does not declare.");
        return HttpProbe.IsHealthyAsync(endpoint.ReplicaPorts[replica], check.Path, cancellationToken);
    }

    protected ProcessLaunch CreateLaunch(int replica, string fileName, IEnumerable<string> leadingArguments, string workingDirectory)
    {
        var (env, secrets) = EnvironmentBuilder.Build(resource, replica, runtime.Replicas[replica].InstanceId, context.Options, context.HostEnvironment);
        var args = resource.Annotations.Find<CommandLineArgsAnnotation>()?.Args ?? [];
        return new ProcessLaunch(fileName, [.. leadingArguments, .. args], env, workingDirectory, secrets);
    }
}
