using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Platform.Hosting.Dashboard.Tests.Support;

namespace Platform.Hosting.Dashboard.Tests;

public sealed class DashboardServerTests
{
    [Fact]
    public async Task StartAsync_PortZero_BindsFreeLoopbackPortsAndGeneratesSecrets()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var server = dashboard.Server;

        Assert.StartsWith("http://127.0.0.1:", server.BrowserUrl, StringComparison.Ordinal);
        Assert.StartsWith("http://127.0.0.1:", server.OtlpEndpointUrl, StringComparison.Ordinal);
        Assert.NotEqual(new Uri(server.BrowserUrl).Port, new Uri(server.OtlpEndpointUrl).Port);
        Assert.Equal(server.BrowserUrl + "login?t=" + server.BrowserToken, server.LoginUrl);
        Assert.Equal(32, server.BrowserToken.Length);
        Assert.Equal(32, server.OtlpApiKey.Length);
        Assert.NotEqual(server.BrowserToken, server.OtlpApiKey);
    }

    [Fact]
    public async Task StartAsync_GivenSecretsAndLimits_UsesThem()
    {
        await using var dashboard = await TestDashboard.StartAsync(o =>
        {
            o.BrowserToken = "browser-token";
            o.OtlpApiKey = "otlp-key";
            o.MaxLogRecords = 5;
            o.MaxTraces = 6;
            o.MaxMetricPointsPerResource = 7;
        });

        Assert.Equal("browser-token", dashboard.Server.BrowserToken);
        Assert.Equal("otlp-key", dashboard.Server.OtlpApiKey);
        Assert.Equal((5, 6, 7), (dashboard.Server.Telemetry.MaxLogRecords, dashboard.Server.Telemetry.MaxTraces, dashboard.Server.Telemetry.MaxMetricPointsPerResource));
    }

    [Fact]
    public async Task StartAsync_WithLoggerFactory_NeverLogsTheTokenOrTheKey()
    {
        var sink = new RecordingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(sink));
        var resources = new FakeResourceSource();
        await using (var server = await DashboardServer.StartAsync(new DashboardOptions { Port = 0, OtlpPort = 0 }, resources, factory))
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            (await client.GetAsync(new Uri(server.LoginUrl))).Dispose();
            (await client.GetAsync(new Uri(server.BrowserUrl + "login?t=wrong-" + server.BrowserToken))).Dispose();
            TelemetrySender.SendTrace(server);

            Assert.NotEmpty(sink.Messages);
            Assert.DoesNotContain(sink.Messages, m => m.Contains(server.BrowserToken, StringComparison.Ordinal) || m.Contains(server.OtlpApiKey, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task StartAsync_InsideAnAppHostWithAspNetCoreUrls_LogsNoWarnings()
    {
        // An AppHost started from its launch profile has ASPNETCORE_URLS set; that configures the AppHost, not us.
        var sink = new RecordingLoggerProvider();
        var previous = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        Environment.SetEnvironmentVariable("ASPNETCORE_URLS", "http://127.0.0.1:1");
        try
        {
            using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(sink));
            await using var server = await DashboardServer.StartAsync(new DashboardOptions { Port = 0, OtlpPort = 0 }, new FakeResourceSource(), factory);
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            (await client.GetAsync(new Uri(server.LoginUrl))).Dispose();
            TelemetrySender.SendTrace(server);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_URLS", previous);
        }

        Assert.Contains(sink.Messages, m => m.StartsWith("Information Platform.Hosting.Dashboard: Dashboard listening on", StringComparison.Ordinal));
        var problems = sink.Messages.Where(m => m.StartsWith("Warning", StringComparison.Ordinal) || m.StartsWith("Error", StringComparison.Ordinal) || m.StartsWith("Critical", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task StartAsync_PortInUse_ThrowsNamingThePort()
    {
        using var blocker = new TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((System.Net.IPEndPoint)blocker.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => DashboardServer.StartAsync(new DashboardOptions { Port = port, OtlpPort = 0 }, new FakeResourceSource()));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_WithOpenChangeStream_StopsBothServers()
    {
        var dashboard = await TestDashboard.StartAsync();
        var client = await dashboard.SignedInAsync();
        using var stream = await client.GetAsync("/api/stream/changes", HttpCompletionOption.ResponseHeadersRead);
        var otlpUrl = dashboard.Server.OtlpEndpointUrl;

        await dashboard.DisposeAsync();

        using var probe = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => probe.GetAsync(otlpUrl + "/v1/traces"));
    }
}
