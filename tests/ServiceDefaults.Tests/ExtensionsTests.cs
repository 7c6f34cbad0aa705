using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ServiceDefaults.Tests.Infrastructure;

namespace ServiceDefaults.Tests;

public sealed class ExtensionsTests
{
    [Fact]
    public async Task AddServiceDefaults_CalledTwice_AddsEachHandlerOnce()
    {
        await using var api = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:api:http:0"] = api.Address.ToString(),
            ["HttpClientResilience:MaxRetryAttempts"] = "1",
            ["HttpClientResilience:RetryDelay"] = "00:00:00.010",
        });
        builder.AddServiceDefaults();
        builder.AddServiceDefaults();
        using var host = builder.Build();
        var factory = (IHttpClientFactory)host.Services.GetService(typeof(IHttpClientFactory))!;

        using var response = await factory.CreateClient().GetAsync(new Uri("http://api/"));

        // Two stacked resilience handlers would make 2 × 2 attempts.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(2, api.RequestCount);
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url")]
    [InlineData("OTEL_METRIC_EXPORT_INTERVAL", "soon")]
    public void AddServiceDefaults_InvalidTelemetrySetting_ThrowsNamingTheKey(string key, string value)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318",
            [key] = value,
        });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddServiceDefaults());

        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
    }
}
