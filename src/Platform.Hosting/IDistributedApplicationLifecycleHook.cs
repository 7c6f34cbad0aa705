using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting;

/// <summary>
/// Code that runs around the orchestrator's start, registered in <see cref="IDistributedApplicationBuilder.Services"/>.
/// The dashboard plugs in here: in <see cref="BeforeStartAsync"/> it starts its web server and sets
/// <see cref="DistributedApplicationOptions.OtlpEndpoint"/> and <see cref="DistributedApplicationOptions.OtlpApiKey"/>,
/// which the orchestrator reads afterwards to build every process's <c>OTEL_*</c> environment.
/// </summary>
public interface IDistributedApplicationLifecycleHook
{
    /// <summary>Runs before ports are allocated and anything is started.</summary>
    Task BeforeStartAsync(DistributedApplicationModel model, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once every endpoint has its port, before any process starts.</summary>
    Task AfterEndpointsAllocatedAsync(DistributedApplicationModel model, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once every resource was handed to the orchestrator (they may still be waiting or starting).</summary>
    Task AfterResourcesCreatedAsync(DistributedApplicationModel model, CancellationToken cancellationToken) => Task.CompletedTask;
}
