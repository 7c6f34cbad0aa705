using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.Hosting.Dashboard.Tests.Support;

/// <summary>Sends telemetry the way services do: the real OpenTelemetry SDK and its OTLP/HTTP protobuf exporter.</summary>
public static class TelemetrySender
{
    public static ResourceBuilder Resource(string service, string instance) =>
        ResourceBuilder.CreateEmpty().AddService(service, serviceInstanceId: instance).AddAttributes([new("deployment.environment", "test")]);

    public static void Configure(OtlpExporterOptions o, DashboardServer server, string signal, string? apiKey = null)
    {
        o.Endpoint = new Uri(server.OtlpEndpointUrl + "/v1/" + signal);
        o.Protocol = OtlpExportProtocol.HttpProtobuf;
        o.Headers = "x-otlp-api-key=" + (apiKey ?? server.OtlpApiKey);
    }

    public static TracerProvider Tracer(DashboardServer server, string source, string service, string instance = "i-1") =>
        Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(Resource(service, instance))
            .AddSource(source)
            .AddOtlpExporter(o => Configure(o, server, "traces"))
            .Build();

    public static MeterProvider Meter(DashboardServer server, string meter, string service, string instance = "i-1") =>
        Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(Resource(service, instance))
            .AddMeter(meter)
            .AddOtlpExporter(o => Configure(o, server, "metrics"))
            .Build();

    public static ILoggerFactory Logger(DashboardServer server, string service, string instance = "i-1") =>
        LoggerFactory.Create(b => b.AddOpenTelemetry(o =>
        {
            o.SetResourceBuilder(Resource(service, instance));
            o.AddOtlpExporter(e => Configure(e, server, "logs"));
        }));

    /// <summary>Records one request-shaped trace: a server span with a client child and an internal grandchild that fails.</summary>
    public static (string TraceId, string RootSpanId) SendTrace(DashboardServer server, string service = "api")
    {
        var sourceName = "Tests." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        using var provider = Tracer(server, sourceName, service);
        string traceId;
        string rootId;
        using (var root = source.StartActivity("GET /accounts/{id}", ActivityKind.Server)!)
        {
            root.SetTag("http.request.method", "GET");
            root.SetTag("http.route", "/accounts/{id}");
            traceId = root.TraceId.ToHexString();
            rootId = root.SpanId.ToHexString();
            using (var child = source.StartActivity("SELECT accounts", ActivityKind.Client)!)
            {
                child.SetTag("db.system", "postgresql");
                using var grandchild = source.StartActivity("map rows")!;
                grandchild.AddEvent(new ActivityEvent("retrying", tags: new ActivityTagsCollection { ["attempt"] = 2 }));
                grandchild.SetStatus(ActivityStatusCode.Error, "row was null");
            }
        }

        Assert.True(provider.ForceFlush(10_000), "The OTLP trace exporter did not flush.");
        return (traceId, rootId);
    }
}
