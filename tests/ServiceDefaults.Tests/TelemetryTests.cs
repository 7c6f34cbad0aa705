using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ServiceDefaults.Tests.Infrastructure;

namespace ServiceDefaults.Tests;

[Collection(nameof(TelemetryIsolation))]
public sealed class TelemetryTests
{
    [Fact]
    public async Task ConfigureOpenTelemetry_HealthProbes_AreNotTracedWhileOtherRequestsAre()
    {
        var recorder = new ActivityRecorder();
        await using var app = await TestApp.StartAsync(
            configureBuilder: builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(recorder)),
            configureApp: web => web.MapGet("/work", () => "done"));
        using var client = app.GetTestClient();

        (await client.GetAsync(new Uri("/health", UriKind.Relative))).EnsureSuccessStatusCode();
        (await client.GetAsync(new Uri("/alive", UriKind.Relative))).EnsureSuccessStatusCode();
        (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).Dispose();
        (await client.GetAsync(new Uri("/work", UriKind.Relative))).EnsureSuccessStatusCode();
        await recorder.WaitForAsync(a => UrlPath(a) == "/work");
        await recorder.WaitForAsync(a => UrlPath(a) == "/healthz");

        var paths = recorder.Ended.Where(a => a.Kind == ActivityKind.Server).Select(UrlPath).ToList();
        Assert.DoesNotContain("/health", paths);
        Assert.DoesNotContain("/alive", paths);
    }

    [Fact]
    public void AddOpenTelemetryTracingSource_NamedSource_RecordsItsActivities()
    {
        var recorder = new ActivityRecorder();
        var name = $"Tests.Traced.{Guid.NewGuid():N}";
        using var host = TestApp.StartHost(
            builder =>
            {
                // Before AddServiceDefaults, as a library's registration might run.
                builder.Services.AddOpenTelemetryTracingSource(name);
                builder.AddServiceDefaults();
                builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(recorder));
            },
            addServiceDefaults: false);
        using var traced = new ActivitySource(name);
        using var untraced = new ActivitySource($"Tests.Untraced.{Guid.NewGuid():N}");

        using (traced.StartActivity("transfer"))
        {
        }

        using var ignored = untraced.StartActivity("ignored");

        Assert.Null(ignored);
        Assert.Contains(recorder.Ended, a => a.Source.Name == name && a.OperationName == "transfer");
    }

    [Fact]
    public void ConfigureOpenTelemetry_ApplicationNameSource_IsTraced()
    {
        var recorder = new ActivityRecorder();
        using var host = TestApp.StartHost(builder =>
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(recorder)));
        using var source = new ActivitySource(TestApp.ApplicationName);

        using (source.StartActivity("own-work"))
        {
        }

        Assert.Contains(recorder.Ended, a => a.Source.Name == TestApp.ApplicationName && a.OperationName == "own-work");
    }

    [Fact]
    public void AddOpenTelemetryMeter_NamedMeter_ExportsItsInstruments()
    {
        var exporter = new MetricRecorder();
        var name = $"Tests.Metered.{Guid.NewGuid():N}";
        using var host = TestApp.StartHost(builder =>
        {
            builder.Services.AddOpenTelemetryMeter(name);
            builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddReader(new BaseExportingMetricReader(exporter)));
        });
        using var metered = new Meter(name);
        using var unmetered = new Meter($"Tests.Unmetered.{Guid.NewGuid():N}");

        metered.CreateCounter<long>("transfers").Add(1);
        unmetered.CreateCounter<long>("ignored").Add(1);
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();

        Assert.Contains((name, "transfers"), exporter.Exported);
        Assert.DoesNotContain(exporter.Exported, m => m.Instrument == "ignored");
    }

    [Fact]
    public void ConfigureOpenTelemetry_Log_ExportsFormattedMessageAndScopes()
    {
        var recorder = new LogRecorder();
        using var host = TestApp.StartHost(builder =>
            builder.Services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddProcessor(recorder)));
        var logger = host.Services.GetRequiredService<ILogger<TelemetryTests>>();

        using (logger.BeginScope("transfer {TransferId}", "rent-2026-11"))
        {
            TransferLog.Moved(logger, 42);
        }

        var record = Assert.Single(recorder.Records, r => r.Message is not null && r.Message.StartsWith("Moved", StringComparison.Ordinal));
        Assert.Equal("Moved 42 EUR", record.Message);
        Assert.Contains(record.Scopes, scope => scope?.ToString() == "transfer rent-2026-11");
    }

    [Fact]
    public async Task ConfigureOpenTelemetry_OtlpEndpointConfigured_ExportsTraces()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await ExportOneActivityAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });

        Assert.Contains("/v1/traces", collector.Paths);
    }

    [Fact]
    public async Task ConfigureOpenTelemetry_OtlpEndpointNotConfigured_ExportsNothing()
    {
        await using var collector = await OtlpReceiver.StartAsync();

        // The SDK alone would export traces to this signal-specific address; the defaults add no
        // exporter at all without the base endpoint, as the Aspire template does.
        await ExportOneActivityAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = new Uri(collector.Address, "/v1/traces").ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });

        Assert.Empty(collector.Paths);
    }

    private static async Task ExportOneActivityAsync(IDictionary<string, string?> configuration)
    {
        await using var app = await TestApp.StartAsync(configuration: configuration);
        using var source = new ActivitySource(TestApp.ApplicationName);
        using (source.StartActivity("exported"))
        {
        }

        app.Services.GetRequiredService<TracerProvider>().ForceFlush();
    }

    private static string? UrlPath(Activity activity) => activity.GetTagItem("url.path") as string;
}
