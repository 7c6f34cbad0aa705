using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>
    /// Adds OpenTelemetry logs (with formatted message and scopes), metrics (ASP.NET Core,
    /// HttpClient, runtime) and traces (the application's own source, ASP.NET Core requests,
    /// HttpClient calls). Requests to <c>/health</c> and <c>/alive</c> are not traced: the
    /// orchestrator polls them every few seconds and would bury real requests in the trace list.
    /// The OTLP exporter is on only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured, so a
    /// service started outside the orchestrator does not retry exports to a collector that is not there.
    /// </summary>
    /// <typeparam name="TBuilder">The host application builder type.</typeparam>
    /// <param name="builder">The builder of the application.</param>
    /// <returns>The same <paramref name="builder"/>, for chaining.</returns>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsHealthProbe(context.Request.Path))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Traces the activities of the named <see cref="System.Diagnostics.ActivitySource"/>s, e.g. a
    /// library's own spans (<c>"Microsoft.Orleans.Runtime"</c>, <c>"Npgsql"</c>), so they join the request's
    /// trace. Safe to call before or after <see cref="AddServiceDefaults{TBuilder}"/>, and more than once.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="sourceNames">Activity source names; a trailing <c>*</c> matches a prefix.</param>
    /// <returns>The same <paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddOpenTelemetryTracingSource(this IServiceCollection services, params string[] sourceNames)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(sourceNames);
        return services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(sourceNames));
    }

    /// <summary>
    /// Exports the instruments of the named <see cref="System.Diagnostics.Metrics.Meter"/>s, e.g. a
    /// library's own metrics, which the SDK ignores unless a meter is named. Safe to call before or
    /// after <see cref="AddServiceDefaults{TBuilder}"/>, and more than once.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="meterNames">Meter names; a trailing <c>*</c> matches a prefix.</param>
    /// <returns>The same <paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddOpenTelemetryMeter(this IServiceCollection services, params string[] meterNames)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(meterNames);
        return services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(meterNames));
    }

    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments(HealthPath) || path.StartsWithSegments(AlivePath);
}
