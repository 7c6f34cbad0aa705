using Microsoft.Extensions.Hosting;

namespace Platform.Hosting.Orchestrator;

internal sealed class OrchestratorHostedService(ApplicationOrchestrator orchestrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => orchestrator.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => orchestrator.StopAsync(cancellationToken);
}
