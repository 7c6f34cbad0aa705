using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ServiceDefaults.Tests.Infrastructure;

namespace ServiceDefaults.Tests;

public sealed class HealthEndpointsTests
{
    private static readonly Uri Health = new("/health", UriKind.Relative);
    private static readonly Uri Alive = new("/alive", UriKind.Relative);

    [Fact]
    public async Task Health_AllChecksPass_Returns200NamingEveryCheck()
    {
        await using var app = await StartWithDatabaseCheckAsync(HealthStatus.Healthy);
        using var client = app.GetTestClient();

        using var response = await client.GetAsync(Health);
        var checks = await ChecksAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["database", "self"], checks.Keys.Order());
        Assert.Equal("database answers", checks["database"].GetProperty("description").GetString());
        Assert.Equal(["live"], checks["self"].GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Health_FailingCheckNotTaggedLive_Returns503WhileAliveReturns200()
    {
        await using var app = await StartWithDatabaseCheckAsync(HealthStatus.Unhealthy);
        using var client = app.GetTestClient();

        using var health = await client.GetAsync(Health);
        using var alive = await client.GetAsync(Alive);
        var healthChecks = await ChecksAsync(health);
        var aliveChecks = await ChecksAsync(alive);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", healthChecks["database"].GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(["self"], aliveChecks.Keys);
    }

    [Fact]
    public async Task Alive_FailingCheckTaggedLive_Returns503()
    {
        await using var app = await TestApp.StartAsync(configureBuilder: builder => builder.Services.AddHealthChecks()
            .AddCheck("worker", () => HealthCheckResult.Unhealthy("worker stuck"), tags: ["live"]));
        using var client = app.GetTestClient();

        using var alive = await client.GetAsync(Alive);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, alive.StatusCode);
    }

    [Fact]
    public async Task Health_CheckThrows_ReportLeavesOutTheExceptionMessage()
    {
        await using var app = await TestApp.StartAsync(configureBuilder: builder => builder.Services.AddHealthChecks()
            .AddCheck("database", () => throw new InvalidOperationException("Host=db;Password=hunter2")));
        using var client = app.GetTestClient();

        using var response = await client.GetAsync(Health);
        var body = await response.Content.ReadAsStringAsync();
        var checks = await ChecksAsync(response);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.Equal("The check threw an exception; see the service's logs.", checks["database"].GetProperty("description").GetString());
    }

    [Fact]
    public async Task MapDefaultEndpoints_Production_MapsNothing()
    {
        await using var app = await StartWithDatabaseCheckAsync(HealthStatus.Healthy, "Production");
        using var client = app.GetTestClient();

        using var health = await client.GetAsync(Health);
        using var alive = await client.GetAsync(Alive);

        Assert.Equal(HttpStatusCode.NotFound, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, alive.StatusCode);
    }

    [Fact]
    public async Task MapDefaultEndpoints_ProductionWithHealthChecksEnabled_MapsBoth()
    {
        await using var app = await StartWithDatabaseCheckAsync(
            HealthStatus.Healthy, "Production", new Dictionary<string, string?> { ["HealthChecks:Enabled"] = "true" });
        using var client = app.GetTestClient();

        using var health = await client.GetAsync(Health);
        using var alive = await client.GetAsync(Alive);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    private static Task<Microsoft.AspNetCore.Builder.WebApplication> StartWithDatabaseCheckAsync(
        HealthStatus database, string environment = "Development", IDictionary<string, string?>? configuration = null) =>
        TestApp.StartAsync(
            environment,
            configuration,
            builder => builder.Services.AddHealthChecks()
                .AddCheck("database", () => new HealthCheckResult(database, database == HealthStatus.Healthy ? "database answers" : "database unreachable")));

    private static async Task<Dictionary<string, JsonElement>> ChecksAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(check => check.GetProperty("name").GetString()!, check => check.Clone());
    }
}
