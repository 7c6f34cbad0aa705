using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;

namespace ServiceDefaults.Telemetry;

/// <summary>
/// Binds the OpenTelemetry SDK's <c>WithTracing</c>/<c>WithMetrics</c>/<c>WithLogging</c> to the
/// host's own service collection, so the providers are host singletons: created at start by
/// <see cref="TelemetryHostedService"/>, disposed (and so flushed) with the host. This is the part
/// of OpenTelemetry.Extensions.Hosting the feed does not serve.
/// </summary>
internal sealed class ServiceCollectionOpenTelemetryBuilder : IOpenTelemetryBuilder
{
    public ServiceCollectionOpenTelemetryBuilder(IServiceCollection services)
    {
        // Touching Sdk runs its static constructor, which installs the W3C trace-context and
        // baggage propagators the framework's HTTP activities use.
        _ = Sdk.SuppressInstrumentation;
        services.AddOptions();
        Services = services;
    }

    public IServiceCollection Services { get; }
}
