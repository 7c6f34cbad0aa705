using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ServiceDefaults.Telemetry;

/// <summary>
/// Creates the tracer and meter providers when the host starts (they start listening only once
/// resolved) and flushes all three providers when it stops, before the host disposes them.
/// </summary>
internal sealed class TelemetryHostedService(IServiceProvider services) : IHostedService
{
    // Bounded so a collector that is down cannot hold up shutdown.
    private const int FlushTimeoutMilliseconds = 5_000;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService<TracerProvider>();
        _ = services.GetService<MeterProvider>();
        _ = services.GetService<LoggerProvider>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        services.GetService<TracerProvider>()?.ForceFlush(FlushTimeoutMilliseconds);
        services.GetService<MeterProvider>()?.ForceFlush(FlushTimeoutMilliseconds);
        services.GetService<LoggerProvider>()?.ForceFlush(FlushTimeoutMilliseconds);
        return Task.CompletedTask;
    }
}
