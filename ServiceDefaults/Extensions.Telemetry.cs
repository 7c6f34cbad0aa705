using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>The framework's meters exported by default: ASP.NET Core, Kestrel, HttpClient, DNS and the runtime.</summary>
    private static readonly string[] DefaultMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "System.Net.Http",
        "System.Net.NameResolution",
        "System.Runtime",
    ];

    /// <summary>The framework's activity sources traced by default: incoming ASP.NET Core requests and outgoing HttpClient calls.</summary>
    private static readonly string[] DefaultActivitySources = ["Microsoft.AspNetCore", "System.Net.Http"];

    /// <summary>
    /// Adds OpenTelemetry logs (with formatted message and scopes), metrics (the framework's
    /// ASP.NET Core, Kestrel, HttpClient and runtime meters) and traces (ASP.NET Core requests
    /// except <c>/health</c> and <c>/alive</c>, HttpClient calls). The OTLP exporter is on only when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured; the other <c>OTEL_*</c> keys described in
    /// docs/service-defaults.md are honoured. Providers live and die with the host and are flushed
    /// when it stops. A repeated call is ignored.
    /// </summary>
    /// <typeparam name="TBuilder">The host application builder type.</typeparam>
    /// <param name="builder">The builder of the application.</param>
    /// <returns>The same <paramref name="builder"/>, for chaining.</returns>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        if (builder.Services.Any(d => d.ServiceType == typeof(OpenTelemetryMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<OpenTelemetryMarker>();
        var settings = OtlpSettings.FromConfiguration(builder.Configuration, builder.Environment.ApplicationName);
        var otel = new ServiceCollectionOpenTelemetryBuilder(builder.Services);

        otel.ConfigureResource(resource =>
        {
            resource.AddService(
                settings.ServiceName,
                serviceInstanceId: settings.ServiceInstanceId,
                autoGenerateServiceInstanceId: settings.ServiceInstanceId is null);
            resource.AddAttributes(settings.ResourceAttributes);
        });

        otel.WithLogging(
            logging =>
            {
                if (settings.Endpoint is not null)
                {
                    logging.AddOtlpExporter((exporter, processor) =>
                    {
                        Configure(exporter, settings, "v1/logs");
                        if (settings.LogScheduleDelayMilliseconds is { } delay)
                        {
                            processor.BatchExportProcessorOptions.ScheduledDelayMilliseconds = delay;
                        }
                    });
                }
            },
            options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            });

        otel.WithMetrics(metrics =>
        {
            metrics.AddMeter(DefaultMeters);
            if (settings.Endpoint is not null)
            {
                metrics.AddOtlpExporter((exporter, reader) =>
                {
                    Configure(exporter, settings, "v1/metrics");
                    if (settings.MetricExportIntervalMilliseconds is { } interval)
                    {
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
                    }
                });
            }
        });

        otel.WithTracing(tracing =>
        {
            tracing.AddSource(DefaultActivitySources);
            if (settings.Endpoint is not null)
            {
                tracing.AddOtlpExporter(exporter =>
                {
                    Configure(exporter, settings, "v1/traces");
                    if (settings.TraceScheduleDelayMilliseconds is { } delay)
                    {
                        exporter.BatchExportProcessorOptions.ScheduledDelayMilliseconds = delay;
                    }
                });
            }
        });

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TelemetryHostedService>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, RequestActivityStartupFilter>());
        return builder;
    }

    /// <summary>
    /// Traces the activities of the named <see cref="System.Diagnostics.ActivitySource"/>s (an app's
    /// or library's own spans, e.g. <c>"Platform.Actors"</c>). Safe to call before or after
    /// <see cref="AddServiceDefaults{TBuilder}"/>, and more than once.
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
    /// Exports the instruments of the named <see cref="System.Diagnostics.Metrics.Meter"/>s (an
    /// app's or library's own metrics). Safe to call before or after
    /// <see cref="AddServiceDefaults{TBuilder}"/>, and more than once.
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

    private static void Configure(OtlpExporterOptions exporter, OtlpSettings settings, string signalPath)
    {
        exporter.Endpoint = settings.SignalEndpoint(signalPath);
        exporter.Protocol = settings.Protocol;
        if (settings.Headers is not null)
        {
            exporter.Headers = settings.Headers;
        }

        // A plain client, not IHttpClientFactory's: exporting telemetry must not go through the
        // app's resilience and discovery handlers (the exporter retries on its own).
        var timeout = TimeSpan.FromMilliseconds(exporter.TimeoutMilliseconds);
        exporter.HttpClientFactory = () => new HttpClient { Timeout = timeout };
    }
}
