using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Hosting.Dashboard.Otlp.Proto;
using ServiceDefaults.Tests.Infrastructure;

namespace ServiceDefaults.Tests;

[Collection(nameof(TelemetryIsolation))]
public sealed class TelemetryTests
{
    private static readonly ActivitySource OrdersSource = new("Tests.Orders");

    [Fact]
    public async Task AddServiceDefaults_OtlpEndpointConfigured_ExportsSpansMetricsAndLogsWithServiceIdentity()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var app = await ServiceApp.StartAsync(
            "Development",
            new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address.ToString(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_EXPORTER_OTLP_HEADERS"] = "x-otlp-api-key=test-key",
                ["OTEL_SERVICE_NAME"] = "orders",
                ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=orders-7,deployment.environment=test",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            },
            builder => builder.Services.AddOpenTelemetryTracingSource("Tests.Orders"),
            web => web.MapGet("/orders/{id}", (string id, ILogger<TelemetryTests> logger) =>
            {
                using (OrdersSource.StartActivity("load-order"))
                {
                    OrderLog.Loaded(logger, id);
                }

                return Results.Ok(id);
            }));
        try
        {
            using var client = app.CreateClient();
            (await client.GetAsync(new Uri("/orders/42", UriKind.Relative))).EnsureSuccessStatusCode();
            (await client.GetAsync(new Uri("/health", UriKind.Relative))).EnsureSuccessStatusCode();
            (await client.GetAsync(new Uri("/alive", UriKind.Relative))).EnsureSuccessStatusCode();

            await WaitUntilAsync(() =>
                FindSpan(collector, s => s.Name == "GET /orders/{id}") is not null
                && FindSpan(collector, s => s.Name == "load-order") is not null
                && FindLog(collector, "Loaded order 42") is not null
                && FindMetric(collector, "Microsoft.AspNetCore.Hosting", "http.server.request.duration"));
        }
        finally
        {
            // Stopping flushes whatever is still batched, so the /health check below sees everything.
            await app.DisposeAsync();
        }

        var request = FindSpan(collector, s => s.Name == "GET /orders/{id}")!;
        Assert.Equal(Span.Types.SpanKind.Server, request.Kind);
        Assert.Equal("/orders/42", Attribute(request.Attributes, "url.path"));
        Assert.Equal("/orders/{id}", Attribute(request.Attributes, "http.route"));
        Assert.Equal("200", Attribute(request.Attributes, "http.response.status_code"));

        var work = FindSpan(collector, s => s.Name == "load-order")!;
        Assert.Equal(request.TraceId, work.TraceId);
        Assert.Equal(request.SpanId, work.ParentSpanId);

        var log = FindLog(collector, "Loaded order 42")!;
        Assert.Equal(request.TraceId, log.TraceId);

        var probeSpans = AllSpans(collector)
            .Where(s => Attribute(s.Attributes, "url.path") is "/health" or "/alive" || s.Name.Contains("/health", StringComparison.Ordinal) || s.Name.Contains("/alive", StringComparison.Ordinal))
            .Select(s => s.Name)
            .ToList();
        Assert.Empty(probeSpans);

        var resources = collector.Traces.SelectMany(t => t.ResourceSpans.Select(r => r.Resource))
            .Concat(collector.Metrics.SelectMany(m => m.ResourceMetrics.Select(r => r.Resource)))
            .Concat(collector.Logs.SelectMany(l => l.ResourceLogs.Select(r => r.Resource)))
            .ToList();
        Assert.NotEmpty(resources);
        Assert.All(resources, resource =>
        {
            Assert.Equal("orders", Attribute(resource.Attributes, "service.name"));
            Assert.Equal("orders-7", Attribute(resource.Attributes, "service.instance.id"));
            Assert.Equal("test", Attribute(resource.Attributes, "deployment.environment"));
        });

        Assert.Empty(collector.Unexpected);
        Assert.All(collector.ApiKeys, key => Assert.Equal("test-key", key));
    }

    [Fact]
    public async Task AddServiceDefaults_HostStoppedAfterItsServicesAreDisposed_StopsWithoutError()
    {
        // WebApplicationFactory can stop a host after disposing its container; telemetry must not make that throw.
        await using var collector = await OtlpReceiver.StartAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development", DisableDefaults = true });
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address.ToString();
        builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        builder.Configuration["OTEL_EXPORTER_OTLP_HEADERS"] = "x-otlp-api-key=test-key";
        builder.AddServiceDefaults();
        using var host = builder.Build();
        await host.StartAsync();

        await ((IAsyncDisposable)host.Services).DisposeAsync();
        var error = await Record.ExceptionAsync(() => host.StopAsync());

        Assert.Null(error);
    }

    [Fact]
    public async Task AddServiceDefaults_GrpcProtocolAndRepeatedConfigure_ExportsEachSpanOnceOverGrpc()
    {
        await using var collector = await OtlpReceiver.StartAsync(grpc: true);
        var app = await ServiceApp.StartAsync(
            "Development",
            new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address.ToString(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
                ["OTEL_EXPORTER_OTLP_HEADERS"] = "x-otlp-api-key=grpc-key",
                ["OTEL_SERVICE_NAME"] = "ledger",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            },
            // A second call must not add a second exporter (which would send every span twice).
            builder => builder.ConfigureOpenTelemetry(),
            web => web.MapGet("/balance", () => "10"));
        try
        {
            using var client = app.CreateClient();
            (await client.GetAsync(new Uri("/balance", UriKind.Relative))).EnsureSuccessStatusCode();

            await WaitUntilAsync(() =>
                FindSpan(collector, s => s.Name == "GET /balance") is not null
                && FindMetric(collector, "Microsoft.AspNetCore.Hosting", "http.server.request.duration"));
        }
        finally
        {
            await app.DisposeAsync();
        }

        Assert.Single(AllSpans(collector), s => s.Name == "GET /balance");
        Assert.Empty(collector.Unexpected);
        Assert.All(collector.ApiKeys, key => Assert.Equal("grpc-key", key));
        Assert.All(
            collector.Traces.SelectMany(t => t.ResourceSpans),
            spans => Assert.Equal("ledger", Attribute(spans.Resource.Attributes, "service.name")));
    }

    private static IEnumerable<Span> AllSpans(OtlpReceiver collector) =>
        collector.Traces.SelectMany(t => t.ResourceSpans).SelectMany(r => r.ScopeSpans).SelectMany(s => s.Spans);

    private static Span? FindSpan(OtlpReceiver collector, Func<Span, bool> predicate) => AllSpans(collector).FirstOrDefault(predicate);

    private static LogRecord? FindLog(OtlpReceiver collector, string body) =>
        collector.Logs.SelectMany(l => l.ResourceLogs).SelectMany(r => r.ScopeLogs).SelectMany(s => s.LogRecords)
            .FirstOrDefault(r => r.Body?.StringValue == body);

    private static bool FindMetric(OtlpReceiver collector, string meter, string instrument) =>
        collector.Metrics.SelectMany(m => m.ResourceMetrics).SelectMany(r => r.ScopeMetrics)
            .Any(s => s.Scope?.Name == meter && s.Metrics.Any(m => m.Name == instrument));

    private static string? Attribute(IEnumerable<KeyValue> attributes, string key)
    {
        var value = attributes.FirstOrDefault(a => a.Key == key)?.Value;
        return value?.ValueCase switch
        {
            AnyValue.ValueOneofCase.StringValue => value.StringValue,
            AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            null => null,
            _ => value.ToString(),
        };
    }

    /// <summary>Exports arrive on the processors' schedule; wait for them, bounded so a broken exporter fails the test.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Telemetry did not arrive at the collector within 30 s.");
            await Task.Delay(100);
        }
    }
}
