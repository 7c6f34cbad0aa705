using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Platform.Hosting.Dashboard.Otlp.Proto;
using Platform.Hosting.Dashboard.Tests.Support;

namespace Platform.Hosting.Dashboard.Tests;

public sealed class OtlpReceiverTests
{
    [Fact]
    public async Task Traces_FromRealExporter_ArriveWithResourceAttributesAndParents()
    {
        await using var dashboard = await TestDashboard.StartAsync();

        var (traceId, rootId) = TelemetrySender.SendTrace(dashboard.Server, "api");

        var trace = dashboard.Server.Telemetry.GetTrace(traceId);
        Assert.NotNull(trace);
        Assert.Equal(3, trace.Spans.Count);
        Assert.Equal("GET /accounts/{id}", trace.Root.Name);
        Assert.Equal(rootId, trace.Root.SpanId);
        Assert.Equal("Server", trace.Root.Kind);
        Assert.Equal("api", trace.Root.Resource.Name);
        Assert.Equal("i-1", trace.Root.Resource.InstanceId);
        Assert.Contains(trace.Root.Resource.Attributes, a => a.Key == "deployment.environment" && a.Value == "test");
        Assert.Contains(trace.Root.Attributes, a => a.Key == "http.route" && a.Value == "/accounts/{id}");
        var child = Assert.Single(trace.Spans, s => s.Name == "SELECT accounts");
        Assert.Equal(rootId, child.ParentSpanId);
        Assert.Equal("Client", child.Kind);
        var grandchild = Assert.Single(trace.Spans, s => s.Name == "map rows");
        Assert.Equal(child.SpanId, grandchild.ParentSpanId);
        Assert.Equal("Error", grandchild.Status);
        Assert.Equal("row was null", grandchild.StatusMessage);
        var retry = Assert.Single(grandchild.Events);
        Assert.Equal("retrying", retry.Name);
        Assert.Contains(retry.Attributes, a => a.Key == "attempt" && a.Value == "2");
        Assert.Equal(1, trace.ErrorCount);
    }

    [Fact]
    public async Task Metrics_FromRealExporter_ArriveForEveryInstrumentKind()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var meterName = "Tests.Meter." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(meterName);
        var requests = meter.CreateCounter<long>("requests", "{request}", "Requests served");
        var latency = meter.CreateHistogram<double>("latency", "ms", "Request latency");
        var queue = meter.CreateUpDownCounter<int>("queue.length");
        meter.CreateObservableGauge("temperature", () => 21.5, "Cel");
        using var provider = TelemetrySender.Meter(dashboard.Server, meterName, "silo", "silo-0");

        requests.Add(3, new KeyValuePair<string, object?>("route", "/a"));
        queue.Add(5);
        queue.Add(-2);
        foreach (var value in new[] { 1.0, 2, 3, 4, 6, 8, 12, 20, 40, 90 })
        {
            latency.Record(value);
        }

        Assert.True(provider.ForceFlush(10_000));

        var instruments = dashboard.Server.Telemetry.GetInstruments("silo@silo-0");
        Assert.Contains(instruments, i => i.Name == "requests" && i.Type == "Counter" && i.Unit == "{request}" && i.Description == "Requests served" && i.Scope == meterName);
        Assert.Contains(instruments, i => i.Name == "latency" && i.Type == "Histogram" && i.Unit == "ms");
        Assert.Contains(instruments, i => i.Name == "queue.length" && i.Type == "UpDownCounter");
        Assert.Contains(instruments, i => i.Name == "temperature" && i.Type == "Gauge");

        var counter = Assert.Single(dashboard.Server.Telemetry.GetSeries("silo@silo-0", meterName, "requests"));
        Assert.Contains(counter.Attributes, a => a.Key == "route" && a.Value == "/a");
        Assert.Equal(3, counter.Points[^1].Value);
        Assert.Equal(3, Assert.Single(dashboard.Server.Telemetry.GetSeries("silo@silo-0", meterName, "queue.length")).Points[^1].Value);
        Assert.Equal(21.5, Assert.Single(dashboard.Server.Telemetry.GetSeries("silo@silo-0", meterName, "temperature")).Points[^1].Value);
        var histogram = Assert.Single(dashboard.Server.Telemetry.GetSeries("silo@silo-0", meterName, "latency")).Points[^1];
        Assert.Equal(10UL, histogram.Count);
        Assert.Equal(186, histogram.Sum);
        Assert.InRange(histogram.P50!.Value, 1, 10);
        Assert.InRange(histogram.P99!.Value, 50, 90);
    }

    [Fact]
    public async Task Logs_FromRealExporter_ArriveWithLevelMessageAndTraceContext()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var sourceName = "Tests.Logs." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        using var listener = new ActivityListener { ShouldListenTo = s => s.Name == sourceName, Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded };
        ActivitySource.AddActivityListener(listener);
        using var factory = TelemetrySender.Logger(dashboard.Server, "api", "api-0");
        var logger = factory.CreateLogger("Bank.Transfers");
        string traceId;
        using (var activity = source.StartActivity("transfer")!)
        {
            traceId = activity.TraceId.ToHexString();
            logger.LogWarning("Transfer {TransferId} of {Amount} was retried", "t-42", 100);
        }

        logger.LogError(new InvalidOperationException("insufficient funds"), "Transfer failed");
        factory.Dispose();

        var logs = dashboard.Server.Telemetry.GetLogs();
        var warning = Assert.Single(logs, l => l.Level == "Warning");
        Assert.Equal("Transfer t-42 of 100 was retried", warning.Message);
        Assert.Equal("api", warning.Resource.Name);
        Assert.Equal("api-0", warning.Resource.InstanceId);
        Assert.Equal("Bank.Transfers", warning.Scope);
        Assert.Equal(traceId, warning.TraceId);
        Assert.Contains(warning.Attributes, a => a.Key == "TransferId" && a.Value == "t-42");
        var error = Assert.Single(logs, l => l.Level == "Error");
        Assert.Contains(error.Attributes, a => a.Key == "exception.message" && a.Value == "insufficient funds");
        Assert.Contains(error.Attributes, a => a.Key == "exception.type" && a.Value.EndsWith("InvalidOperationException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_WithoutApiKey_Returns401()
    {
        await using var dashboard = await TestDashboard.StartAsync();

        using var response = await dashboard.Otlp(apiKey: null).PostAsync("/v1/traces", Protobuf(ValidTraceRequest()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, dashboard.Server.Telemetry.TraceCount);
    }

    [Fact]
    public async Task Post_WithWrongApiKey_Returns401AndRealExporterDeliversNothing()
    {
        await using var dashboard = await TestDashboard.StartAsync();

        using (var response = await dashboard.Otlp("wrong").PostAsync("/v1/logs", Protobuf(new ExportLogsServiceRequest())))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var sourceName = "Tests.WrongKey." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        using (var provider = Sdk.CreateTracerProviderBuilder().AddSource(sourceName)
            .AddOtlpExporter(o => TelemetrySender.Configure(o, dashboard.Server, "traces", apiKey: "not-the-key")).Build())
        {
            source.StartActivity("rejected")?.Dispose();
            provider.ForceFlush(10_000);
        }

        Assert.Equal(0, dashboard.Server.Telemetry.TraceCount);
    }

    [Fact]
    public async Task Post_MalformedBody_Returns400AndReceiverKeepsWorking()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var client = dashboard.Otlp(dashboard.Server.OtlpApiKey);

        // Field 1, length-delimited, claims 127 bytes but the body ends: not a protobuf message.
        using (var response = await client.PostAsync("/v1/traces", Protobuf([0x0A, 0x7F, 0x01])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        using (var response = await client.PostAsync("/v1/traces", Protobuf(ValidTraceRequest())))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
            var body = ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
            Assert.Null(body.PartialSuccess);
        }

        Assert.Equal(1, dashboard.Server.Telemetry.TraceCount);
    }

    [Fact]
    public async Task Post_RandomAndTruncatedBodies_AreAnsweredWith200Or400AndNeverBreakTheReceiver()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var client = dashboard.Otlp(dashboard.Server.OtlpApiKey);
        var random = new Random(20260101);
        var valid = ValidTraceRequest().ToByteArray();

        for (var i = 0; i < 150; i++)
        {
            var body = i % 2 == 0 ? new byte[random.Next(1, 512)] : valid[..random.Next(1, valid.Length)];
            if (i % 2 == 0)
            {
                random.NextBytes(body);
            }

            foreach (var signal in new[] { "traces", "metrics", "logs" })
            {
                using var response = await client.PostAsync("/v1/" + signal, Protobuf(body));
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"Body {i} to /v1/{signal} got {(int)response.StatusCode}.");
            }
        }

        using var after = await client.PostAsync("/v1/traces", Protobuf(ValidTraceRequest(traceByte: 9)));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotNull(dashboard.Server.Telemetry.GetTrace("09090909090909090909090909090909"));
    }

    [Fact]
    public async Task Post_WrongContentType_Returns415()
    {
        await using var dashboard = await TestDashboard.StartAsync();

        using var content = new StringContent("{\"resourceSpans\":[]}", System.Text.Encoding.UTF8, "application/json");
        using var response = await dashboard.Otlp(dashboard.Server.OtlpApiKey).PostAsync("/v1/traces", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Post_BodyOverLimit_Returns413AndReceiverKeepsWorking()
    {
        await using var dashboard = await TestDashboard.StartAsync(o => o.MaxRequestBodySize = 1024);
        var client = dashboard.Otlp(dashboard.Server.OtlpApiKey);
        var big = ValidTraceRequest();
        big.ResourceSpans[0].ScopeSpans[0].Spans[0].Name = new string('x', 4096);

        using (var response = await client.PostAsync("/v1/traces", Protobuf(big)))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        using (var response = await client.PostAsync("/v1/traces", Protobuf(ValidTraceRequest())))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, dashboard.Server.Telemetry.TraceCount);
    }

    [Fact]
    public async Task Post_GzipBombOverLimit_Returns413()
    {
        await using var dashboard = await TestDashboard.StartAsync(o => o.MaxRequestBodySize = 4096);
        var big = ValidTraceRequest();
        big.ResourceSpans[0].ScopeSpans[0].Spans[0].Name = new string('x', 64 * 1024);

        using var response = await dashboard.Otlp(dashboard.Server.OtlpApiKey).PostAsync("/v1/traces", Gzip(big.ToByteArray()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, dashboard.Server.Telemetry.TraceCount);
    }

    [Fact]
    public async Task Post_GzipBody_IsDecompressedAndStored()
    {
        await using var dashboard = await TestDashboard.StartAsync();

        using var response = await dashboard.Otlp(dashboard.Server.OtlpApiKey).PostAsync("/v1/traces", Gzip(ValidTraceRequest().ToByteArray()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, dashboard.Server.Telemetry.TraceCount);
    }

    [Fact]
    public async Task Post_SpanWithoutIds_IsReportedAsPartialSuccess()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var request = ValidTraceRequest();
        request.ResourceSpans[0].ScopeSpans[0].Spans.Add(new Span { Name = "no ids" });

        using var response = await dashboard.Otlp(dashboard.Server.OtlpApiKey).PostAsync("/v1/traces", Protobuf(request));

        var body = ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, body.PartialSuccess.RejectedSpans);
        Assert.Equal(1, dashboard.Server.Telemetry.TraceCount);
    }

    [Fact]
    public async Task Post_MoreTracesThanTheLimit_KeepsOnlyTheNewest()
    {
        await using var dashboard = await TestDashboard.StartAsync(o => o.MaxTraces = 2);
        var client = dashboard.Otlp(dashboard.Server.OtlpApiKey);

        for (byte i = 1; i <= 5; i++)
        {
            using var response = await client.PostAsync("/v1/traces", Protobuf(ValidTraceRequest(traceByte: i)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(2, dashboard.Server.Telemetry.TraceCount);
        Assert.Equal(["05050505050505050505050505050505", "04040404040404040404040404040404"], dashboard.Server.Telemetry.GetTraces().Select(t => t.TraceId).Order().Reverse());
    }

    [Fact]
    public async Task Logs_FromRealExporterPastTheLimit_KeepsOnlyTheNewest()
    {
        await using var dashboard = await TestDashboard.StartAsync(o => o.MaxLogRecords = 3);
        using (var factory = TelemetrySender.Logger(dashboard.Server, "api"))
        {
            var logger = factory.CreateLogger("Tests");
            for (var i = 1; i <= 7; i++)
            {
                logger.LogInformation("Record {Number}", i);
            }
        }

        Assert.Equal(["Record 5", "Record 6", "Record 7"], dashboard.Server.Telemetry.GetLogs().Select(l => l.Message));
    }

    internal static ExportTraceServiceRequest ValidTraceRequest(string service = "api", byte traceByte = 1)
    {
        var span = new Span
        {
            TraceId = ByteString.CopyFrom(Enumerable.Repeat(traceByte, 16).ToArray()),
            SpanId = ByteString.CopyFrom([1, 2, 3, 4, 5, 6, 7, 8]),
            Name = "handmade",
            StartTimeUnixNano = 1_700_000_000_000_000_000,
            EndTimeUnixNano = 1_700_000_000_005_000_000,
        };
        var resource = new Resource();
        resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = service } });
        var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "handmade" } };
        scope.Spans.Add(span);
        var resourceSpans = new ResourceSpans { Resource = resource };
        resourceSpans.ScopeSpans.Add(scope);
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(resourceSpans);
        return request;
    }

    private static ByteArrayContent Protobuf(IMessage message) => Protobuf(message.ToByteArray());

    private static ByteArrayContent Protobuf(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        return content;
    }

    private static ByteArrayContent Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        var content = Protobuf(buffer.ToArray());
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }
}
