using System.Net.Http.Json;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Dashboard.Integration.Tests.Support;
using Platform.Hosting.Testing;

namespace Platform.Hosting.Dashboard.Integration.Tests;

/// <summary>Real projects started by the orchestrator export their telemetry to the dashboard inside the AppHost.</summary>
public sealed class DashboardTelemetryTests
{
    [Fact]
    public async Task StartAsync_DashboardEnabled_EveryReplicaExportsToItUnderItsOwnIdentity()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create().WithDashboard();
        builder.AddTracedPair(backendReplicas: 2);
        await using var app = await builder.BuildAsync();
        await app.StartAsync(TestTimeout.Token());
        await app.WaitForResourceHealthyAsync("frontend", TestTimeout.Token());
        var dashboard = app.GetDashboard();

        // The environment the process actually received points at the dashboard, with its key.
        using var frontend = app.CreateHttpClient("frontend");
        var otel = await frontend.GetFromJsonAsync<Dictionary<string, string>>("/otel", TestTimeout.Token());
        Assert.NotNull(otel);
        Assert.Equal(dashboard.OtlpEndpointUrl, otel["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal(app.GetDashboardOtlpEndpoint(), otel["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http/protobuf", otel["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("x-otlp-api-key=" + dashboard.OtlpApiKey, otel["OTEL_EXPORTER_OTLP_HEADERS"]);
        Assert.Equal("frontend", otel["OTEL_SERVICE_NAME"]);

        // ...while what the dashboard shows of it keeps the key masked.
        var shown = app.ResourceNotifications.GetResource("frontend").Environment;
        Assert.Contains(shown, e => e.Name == "OTEL_EXPORTER_OTLP_HEADERS" && e.IsSecret && e.Value == ResourceEnvironmentVariable.Mask);
        Assert.DoesNotContain(shown, e => e.Value.Contains(dashboard.OtlpApiKey, StringComparison.Ordinal));

        // Every process (two backend replicas, one frontend) sends under its service.name and its own service.instance.id.
        var expected = app.ResourceNotifications.GetResources()
            .Where(r => r.Type == "Project")
            .SelectMany(r => r.Replicas.Select(x => (r.Name, x.InstanceId)))
            .ToHashSet();
        Assert.Equal(3, expected.Count);
        Assert.Equal(3, expected.Select(e => e.InstanceId).Distinct().Count());
        var senders = await dashboard.Telemetry.WaitForAsync(
            t =>
            {
                var seen = t.GetResources().Select(r => (r.Name, r.InstanceId!)).ToHashSet();
                return expected.IsSubsetOf(seen) ? seen : null;
            },
            TestTimeout.Token());
        Assert.Equal(2, senders.Count(s => s.Name == "backend"));

        // One request is one trace: the frontend's server span, its client call, and the backend's server span under it.
        var hop = await frontend.GetFromJsonAsync<HopAnswer>("/hop", TestTimeout.Token());
        Assert.NotNull(hop);
        var trace = await dashboard.Telemetry.WaitForTraceAsync(hop.TraceId, ["frontend", "backend"], TestTimeout.Token());
        var backendSpan = Assert.Single(trace.Spans, s => s.Resource.Name == "backend" && s.Kind == "Server");
        var clientSpan = Assert.Single(trace.Spans, s => s.SpanId == backendSpan.ParentSpanId);
        Assert.Equal("frontend", clientSpan.Resource.Name);
        Assert.Equal("Client", clientSpan.Kind);
        Assert.Equal("frontend", trace.Root.Resource.Name);
        Assert.Contains(expected, e => e.Name == "backend" && e.InstanceId == backendSpan.Resource.InstanceId);

        // The request's log line carries the trace.
        await dashboard.Telemetry.WaitForAsync(
            t => t.GetLogs().FirstOrDefault(l => l.TraceId == hop.TraceId && l.Resource.Name == "frontend" && l.Message.StartsWith("Hop answered by", StringComparison.Ordinal)),
            TestTimeout.Token());
    }

    [Fact]
    public async Task StopAsync_ProjectsShutDown_TheirLastLogsArriveAndTheDashboardStopsOnlyWithTheApp()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create().WithDashboard();
        builder.AddProject<Projects.TracedApi>("backend").WithHttpHealthCheck();
        var app = await builder.BuildAsync();
        try
        {
            await app.StartAsync(TestTimeout.Token());
            await app.WaitForResourceHealthyAsync("backend", TestTimeout.Token());
            var dashboard = app.GetDashboard();
            var browserUrl = dashboard.BrowserUrl;

            await app.StopAsync(TestTimeout.Token());

            // The process logged its shutdown and flushed its exporter on the way out; the dashboard was still there to receive it.
            await dashboard.Telemetry.WaitForAsync(
                t => t.GetLogs().FirstOrDefault(l => l.Resource.Name == "backend" && l.Message.Contains("Application is shutting down", StringComparison.Ordinal)),
                TestTimeout.Token());
            Assert.Equal(KnownResourceStates.Stopped, app.ResourceNotifications.GetResource("backend").State);
            using var http = new HttpClient();
            using (var login = await http.GetAsync(new Uri(browserUrl + "login"), TestTimeout.Token()))
            {
                Assert.True(login.IsSuccessStatusCode);
            }

            await app.DisposeAsync();
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(browserUrl + "login"), TestTimeout.Token()));
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
