using System.Net;
using System.Text.Json;
using Platform.Hosting.Dashboard.Telemetry;
using Platform.Hosting.Dashboard.Tests.Support;

namespace Platform.Hosting.Dashboard.Tests;

public sealed class TelemetryApiTests
{
    [Fact]
    public async Task Logs_FilteredByLevelAndTraceId_ReturnOnlyMatchingRecords()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var traceId = DemoTelemetry.SendTransferTrace(dashboard.Server, fail: true);
        DemoTelemetry.SendLogs(dashboard.Server);
        var client = await dashboard.SignedInAsync();

        using var errors = JsonDocument.Parse(await client.GetStringAsync("/api/logs?level=Error"));
        using var ofTrace = JsonDocument.Parse(await client.GetStringAsync($"/api/logs?traceId={traceId}"));

        Assert.Equal(2, errors.RootElement.GetProperty("logs").GetArrayLength());
        Assert.All(errors.RootElement.GetProperty("logs").EnumerateArray(), l => Assert.Equal("Error", l.GetProperty("level").GetString()));
        Assert.Equal(2, ofTrace.RootElement.GetProperty("logs").GetArrayLength());
        Assert.All(ofTrace.RootElement.GetProperty("logs").EnumerateArray(), l => Assert.Equal(traceId, l.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task Trace_Known_ReturnsSpansWithOffsetsAndParents()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var traceId = DemoTelemetry.SendTransferTrace(dashboard.Server);
        var client = await dashboard.SignedInAsync();

        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/traces?text=transfers"));
        using var detail = JsonDocument.Parse(await client.GetStringAsync($"/api/traces/{traceId}"));

        var summary = Assert.Single(list.RootElement.GetProperty("traces").EnumerateArray());
        Assert.Equal("POST /transfers", summary.GetProperty("name").GetString());
        Assert.Equal(["api", "silo"], summary.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        var spans = detail.RootElement.GetProperty("spans").EnumerateArray().ToList();
        Assert.Equal(5, spans.Count);
        Assert.Equal(0, spans[0].GetProperty("offsetMs").GetDouble());
        Assert.All(spans.Skip(1), s => Assert.True(s.GetProperty("offsetMs").GetDouble() >= 0));
        Assert.Equal(JsonValueKind.Null, spans[0].GetProperty("parentSpanId").ValueKind);
        Assert.All(spans.Skip(1), s => Assert.Contains(spans, p => p.GetProperty("spanId").GetString() == s.GetProperty("parentSpanId").GetString()));
    }

    [Fact]
    public async Task Trace_Unknown_Returns404()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var client = await dashboard.SignedInAsync();

        using var response = await client.GetAsync("/api/traces/0123456789abcdef0123456789abcdef");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task MetricsSeries_ByResourceName_ReturnsHistogramPercentiles()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        DemoTelemetry.SendMetrics(dashboard.Server);
        var client = await dashboard.SignedInAsync();

        using var instruments = JsonDocument.Parse(await client.GetStringAsync("/api/metrics?resource=api"));
        using var series = JsonDocument.Parse(await client.GetStringAsync("/api/metrics/series?resource=api&scope=Bank.Api&name=http.server.request.duration"));

        Assert.Contains(instruments.RootElement.EnumerateArray(), i => i.GetProperty("type").GetString() == "Histogram");
        var points = series.RootElement.GetProperty("series")[0].GetProperty("points").EnumerateArray().ToList();
        Assert.True(points.Count >= 6, $"Expected a point per export, got {points.Count}.");
        Assert.Contains(points, p => p.GetProperty("p99").ValueKind == JsonValueKind.Number && p.GetProperty("p99").GetDouble() >= p.GetProperty("p50").GetDouble());
    }

    [Fact]
    public async Task MetricsSeries_WithWindow_ReturnsOnlyPointsInsideIt()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var store = dashboard.Server.Telemetry;
        var api = store.GetOrAddResource("api", null, []);
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        store.AddMetricPoints(api, new MetricInstrument("m", "g", string.Empty, string.Empty, "Gauge"), [.. Enumerable.Range(0, 10).Select(i => ((IReadOnlyList<TelemetryTag>)[], new MetricSample(t0.AddSeconds(i), i)))]);
        var client = await dashboard.SignedInAsync();

        using var windowed = JsonDocument.Parse(await client.GetStringAsync("/api/metrics/series?resource=api&scope=m&name=g&windowMs=3000"));
        using var all = JsonDocument.Parse(await client.GetStringAsync("/api/metrics/series?resource=api&scope=m&name=g"));

        Assert.Equal([6.0, 7, 8, 9], windowed.RootElement.GetProperty("series")[0].GetProperty("points").EnumerateArray().Select(p => p.GetProperty("v").GetDouble()));
        Assert.Equal(10, all.RootElement.GetProperty("series")[0].GetProperty("points").GetArrayLength());
    }

    [Fact]
    public async Task ChangeStream_SignedIn_SendsAChangeEventAfterTelemetryArrives()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var client = await dashboard.SignedInAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await client.GetAsync("/api/stream/changes", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var first = await NextDataAsync(reader, timeout.Token);
        DemoTelemetry.SendLogs(dashboard.Server);
        var second = await NextDataAsync(reader, timeout.Token);

        Assert.True(second.GetProperty("telemetry").GetInt64() > first.GetProperty("telemetry").GetInt64());
    }

    private static async Task<JsonElement> NextDataAsync(StreamReader reader, CancellationToken token)
    {
        while (await reader.ReadLineAsync(token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }

        throw new InvalidOperationException("The stream ended.");
    }
}
