using Microsoft.Extensions.Hosting;

namespace Platform.Hosting.Dashboard.Hosting;

/// <summary>A host lifetime that ignores Ctrl+C and SIGTERM.</summary>
/// <remarks>The dashboard lives inside the AppHost, which owns those signals and stops the dashboard itself.</remarks>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
