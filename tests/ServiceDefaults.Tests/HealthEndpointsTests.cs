using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ServiceDefaults.Tests.Infrastructure;

namespace ServiceDefaults.Tests;

public sealed class HealthEndpointsTests
{
    private static Task<ServiceApp> StartWithDatabaseCheckAsync(HealthStatus database, string environment = "Development", IDictionary<string, string?>? configuration = null) =>
        ServiceApp.StartAsync(
            environment,
            configuration ?? new Dictionary<string, string?>(),
            builder => builder.Services.AddHealthChecks()
                .AddCheck("database", () => new HealthCheckResult(database, database == HealthStatus.Healthy ? "database answers" : "database unreachable")));

    [Fact]
    public async Task Health_FailingCheck_Returns503NamingEveryCheck()
    {
        await using var app = await StartWithDatabaseCheckAsync(HealthStatus.Unhealthy);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
        var checks = Checks(json);
        Assert.Equal(["database", "self"], checks.Keys.Order());
        Assert.Equal("Unhealthy", checks["database"].GetProperty("status").GetString());
        Assert.Equal("database unreachable", checks["database"].GetProperty("description").GetString());
        Assert.True(checks["database"].GetProperty("durationMs").GetDouble() >= 0);
        Assert.Equal("Healthy", checks["self"].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_AllChecksPass_Returns200()
    {
        await using var app = await StartWithDatabaseCheckAsync(HealthStatus.Healthy);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("database answers", Checks(json)["database"].GetProperty("description").GetString());
    }

    [Fact]
    public async Task Alive_FailingCheckNotTaggedLive_Returns200WithOnlyLiveChecks()
    {
        await using var app = await StartWithDatabaseCheckAsync(HealthStatus.Unhealthy);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/alive", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["self"], Checks(json).Keys);
    }

    [Fact]
    public async Task Alive_FailingCheckTaggedLive_Returns503()
    {
        await using var app = await ServiceApp.StartAsync(
            "Development",
            new Dictionary<string, string?>(),
            builder => builder.Services.AddHealthChecks().AddCheck("deadlock", () => HealthCheckResult.Unhealthy("worker stuck"), tags: ["live"]));
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/alive", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task MapDefaultEndpoints_ProductionWithoutOptIn_MapsNothing()
    {
        await using var app = await StartWithDatabaseCheckAsync(HealthStatus.Healthy, "Production");
        using var client = app.CreateClient();

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var alive = await client.GetAsync(new Uri("/alive", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, alive.StatusCode);
    }

    [Fact]
    public async Task MapDefaultEndpoints_ProductionWithHealthChecksEnabled_MapsBoth()
    {
        await using var app = await StartWithDatabaseCheckAsync(
            HealthStatus.Healthy, "Production", new Dictionary<string, string?> { ["HealthChecks:Enabled"] = "true" });
        using var client = app.CreateClient();

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var alive = await client.GetAsync(new Uri("/alive", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    private static Dictionary<string, JsonElement> Checks(JsonDocument json) =>
        json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(check => check.GetProperty("name").GetString()!, check => check.Clone());
}
