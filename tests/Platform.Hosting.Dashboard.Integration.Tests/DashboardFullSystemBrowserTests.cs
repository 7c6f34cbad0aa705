using System.Net.Http.Json;
using Platform.Hosting.Dashboard.Integration.Tests.Support;
using Platform.Hosting.Dashboard.Tests.Support;
using Platform.Hosting.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.Hosting.Dashboard.Integration.Tests;

/// <summary>The whole system in a real browser: servers and projects run by the orchestrator, seen through the dashboard it hosts.</summary>
public sealed class DashboardFullSystemBrowserTests
{
    private static readonly string[] Resources = ["cache", "postgres", "appdb", "backend", "frontend"];

    [Fact]
    public async Task Dashboard_FullAppModel_ShowsHealthyResourcesAndOneRequestAsATraceAcrossTwoServices()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create().WithDashboard();
        var cache = builder.AddRedis("cache");
        var appDb = builder.AddPostgres("postgres").AddDatabase("appdb");
        var (frontend, backend) = builder.AddTracedPair();
        backend.WithReference(appDb).WaitFor(appDb);
        frontend.WithReference(cache).WaitFor(cache);
        await using var app = await builder.BuildAsync();
        await app.StartAsync(TestTimeout.Token());
        foreach (var name in Resources)
        {
            await app.WaitForResourceHealthyAsync(name, TestTimeout.Token(minutes: 5));
        }

        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync();

        // Sign in with the login URL the AppHost prints; every resource of the model is there and healthy.
        await page.GotoAsync(app.GetDashboardLoginUrl());
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("Resources");
        foreach (var name in Resources)
        {
            await Expect(page.Locator($"tr[data-name='{name}'] .badge").First).ToHaveTextAsync("Healthy");
        }

        await Expect(page.Locator("tr[data-name='frontend']")).ToContainTextAsync(app.CreateHttpClient("frontend").BaseAddress!.ToString().TrimEnd('/'));
        Assert.DoesNotContain(app.GetDashboard().OtlpApiKey, await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "dashboard-integration-resources");

        // One real request through the frontend, which calls the backend by service discovery.
        using var http = app.CreateHttpClient("frontend");
        var hop = await http.GetFromJsonAsync<HopAnswer>("/hop", TestTimeout.Token());
        Assert.NotNull(hop);

        // The Traces page lists it (live, no reload) with both services...
        await page.GotoAsync(app.GetDashboard().BrowserUrl + "#/traces");
        var row = page.Locator($"tr[data-trace='{hop.TraceId}']");
        await Expect(row).ToContainTextAsync("frontend: GET /hop");
        await Expect(row).ToContainTextAsync("backend");
        await BrowserFixture.ScreenshotAsync(page, "dashboard-integration-traces");

        // ...and its waterfall holds spans of both processes: frontend's server and client spans, backend's server span.
        await row.Locator("a.trace-link").ClickAsync();
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("Trace: GET /hop");
        await Expect(page.Locator(".wf-row[data-span]", new() { HasText = "frontend" })).ToHaveCountAsync(2);
        await Expect(page.Locator(".wf-row[data-span]", new() { HasText = "backend" })).ToHaveCountAsync(1);
        await page.Locator(".wf-row[data-span]", new() { HasText = "backend" }).ClickAsync();
        await Expect(page.Locator("#panel")).ToContainTextAsync("/work");
        await BrowserFixture.ScreenshotAsync(page, "dashboard-integration-trace");

        // Console: the frontend's own output, streamed from the orchestrator's log buffer.
        await page.GotoAsync(app.GetDashboard().BrowserUrl + "#/console/frontend");
        await Expect(page.Locator("#console")).ToContainTextAsync("Now listening on: " + http.BaseAddress!.ToString().TrimEnd('/'));

        // A command from the page reaches the orchestrator: the real backend process stops, and the row shows it live.
        await page.GotoAsync(app.GetDashboard().BrowserUrl);
        await page.Locator("tr[data-name='backend'] button[data-command='stop']").ClickAsync();
        await Expect(page.Locator("tr[data-name='backend'] .badge").First).ToHaveTextAsync("Stopped");
        Assert.Null(app.ResourceNotifications.GetResource("backend").Replicas[0].ProcessId);
    }
}
