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

    // Held from start: a host that is stopped after its container was disposed (WebApplicationFactory at teardown)
    // must not resolve anything in StopAsync.
    private TracerProvider? _tracerProvider;
    private MeterProvider? _meterProvider;
    private LoggerProvider? _loggerProvider;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _tracerProvider = services.GetService<TracerProvider>();
        _meterProvider = services.GetService<MeterProvider>();
        _loggerProvider = services.GetService<LoggerProvider>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _tracerProvider?.ForceFlush(FlushTimeoutMilliseconds);
        _meterProvider?.ForceFlush(FlushTimeoutMilliseconds);
        _loggerProvider?.ForceFlush(FlushTimeoutMilliseconds);
        return Task.CompletedTask;
    }
}
