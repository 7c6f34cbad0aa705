using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Platform.Hosting.Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Platform.Hosting.Dashboard.Tests;

/// <summary>The dashboard in a real browser: sign in, every page, a trace followed from the list to its waterfall.</summary>
public sealed class DashboardBrowserTests
{
    [Fact]
    public async Task Dashboard_SignedInBrowser_ShowsEveryPageAndFollowsATraceToItsWaterfall()
    {
        await using var dashboard = await TestDashboard.StartAsync(o => o.ApplicationName = "Bank");
        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync();
        var dialogs = 0;
        page.Dialog += async (_, dialog) => { dialogs++; await dialog.DismissAsync(); };

        // Resources: state badges, endpoints, masked secrets, expandable environment.
        await page.GotoAsync(dashboard.Server.LoginUrl);
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("Resources");
        await Expect(page.Locator("tr[data-name='api']")).ToContainTextAsync("Running");
        await Expect(page.Locator("tr[data-name='silo']")).ToContainTextAsync("2/2");
        await page.Locator("tr[data-name='api'] .res-name").ClickAsync();
        await Expect(page.Locator("tr[data-name='api'] + tr.env-row")).ToContainTextAsync("ASPNETCORE_ENVIRONMENT");
        await page.Locator("tr[data-name='cache'] .res-name").ClickAsync();
        await Expect(page.Locator("tr[data-name='cache'] + tr.env-row")).ToContainTextAsync("REDIS_PASSWORD");
        Assert.DoesNotContain("hunter2", await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "dashboard-resources");

        // A command goes through IResourceSource and the row updates live.
        await page.Locator("tr[data-name='api'] button[data-command='stop']").ClickAsync();
        await Expect(page.Locator("tr[data-name='api'] .badge").First).ToHaveTextAsync("Stopped");
        Assert.Contains(("api", "stop", (int?)null), dashboard.Resources.Commands);

        // Console: ANSI colours rendered, hostile text shown as text, new lines arrive live.
        await page.GotoAsync(dashboard.Server.BrowserUrl + "#/console/api");
        await Expect(page.Locator("#console")).ToContainTextAsync("Now listening on: http://127.0.0.1:5123");
        await Expect(page.Locator("#console .ansi-32").First).ToHaveTextAsync("info");
        await Expect(page.Locator("#console")).ToContainTextAsync("<script>alert('x')</script> boom");
        dashboard.Resources.WriteConsole("api", 0, "\u001b[33mwarn\u001b[39m: live line arrived", false);
        await Expect(page.Locator("#console")).ToContainTextAsync("live line arrived");
        await page.Locator("#console-filter").FillAsync("listening");
        await Expect(page.Locator("#console .line:not([hidden])")).ToHaveCountAsync(1);
        await page.Locator("#console-filter").FillAsync(string.Empty);
        await Expect(page.Locator("#console .line:not([hidden])")).ToHaveCountAsync(3);
        await BrowserFixture.ScreenshotAsync(page, "dashboard-console");

        // Traces: a real trace sent through the real exporter while the list is open appears without a reload.
        await page.GotoAsync(dashboard.Server.BrowserUrl + "#/traces");
        await Expect(page.Locator(".empty")).ToContainTextAsync("No traces");
        DemoTelemetry.SendTransferTrace(dashboard.Server);
        var traceId = DemoTelemetry.SendTransferTrace(dashboard.Server, fail: true);
        DemoTelemetry.SendLogs(dashboard.Server);
        DemoTelemetry.SendMetrics(dashboard.Server);
        var row = page.Locator($"tr[data-trace='{traceId}']");
        await Expect(row).ToContainTextAsync("POST /transfers");
        await Expect(row).ToContainTextAsync("silo");
        await BrowserFixture.ScreenshotAsync(page, "dashboard-traces");

        await row.Locator("a.trace-link").ClickAsync();
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("Trace: POST /transfers");
        await Expect(page.Locator(".wf-row[data-span]")).ToHaveCountAsync(5);
        await page.Locator(".wf-row[data-span]", new() { HasText = "UPDATE accounts" }).ClickAsync();
        await Expect(page.Locator("#panel")).ToContainTextAsync("db.statement");
        await Expect(page.Locator("#panel")).ToContainTextAsync("could not serialize access");
        await BrowserFixture.ScreenshotAsync(page, "dashboard-trace");

        // Structured logs: the trace's logs, a record's details and its link back to the trace.
        using (var hostile = TelemetrySender.Logger(dashboard.Server, "api", "api-0"))
        {
            hostile.CreateLogger("Hostile").LogWarning("<img src=x onerror=alert(1)><b>not bold</b>");
        }

        await page.Locator(".trace-head a", new() { HasText = "structured log" }).ClickAsync();
        await Expect(page.Locator("#logs tbody tr")).ToHaveCountAsync(2);
        await page.Locator("#clear-trace").ClickAsync();
        var warning = page.Locator("#logs tbody tr", new() { HasText = "Transfer t-42 of 100 was retried" });
        await Expect(warning).ToContainTextAsync("Warning");
        await Expect(page.Locator("#logs tbody tr", new() { HasText = "<img src=x onerror=alert(1)><b>not bold</b>" })).ToHaveCountAsync(1);
        await Expect(page.Locator("#logs img, #logs b")).ToHaveCountAsync(0);
        var timeout = page.Locator("#logs tbody tr", new() { HasText = "timed out" });
        await timeout.ClickAsync();
        await Expect(page.Locator("#panel")).ToContainTextAsync("System.TimeoutException");
        await Expect(page.Locator("#panel")).ToContainTextAsync("Bank.Api.Transfers");
        await BrowserFixture.ScreenshotAsync(page, "dashboard-logs");

        // Metrics: instruments of a resource and a hand-drawn chart; histograms chart percentiles.
        await page.GotoAsync(dashboard.Server.BrowserUrl + "#/metrics/api");
        await page.Locator(".instrument", new() { HasText = "http.server.request.duration" }).ClickAsync();
        await Expect(page.Locator("#chart-area h2")).ToHaveTextAsync("http.server.request.duration");
        await Expect(page.Locator("#chart svg path.line")).ToHaveCountAsync(3);
        await Expect(page.Locator(".legend")).ToContainTextAsync("p99");
        await BrowserFixture.ScreenshotAsync(page, "dashboard-metrics");

        // Keyboard: 'g t' navigates, '/' focuses the page's filter.
        await page.Keyboard.PressAsync("g");
        await page.Keyboard.PressAsync("t");
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("Traces");
        await Expect(page.Locator("#trace-text")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("/");
        await Expect(page.Locator("#trace-text")).ToBeFocusedAsync();

        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task Dashboard_WithoutLogin_RedirectsToLoginAndAcceptsAPastedToken()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync(ColorScheme.Dark);

        await page.GotoAsync(dashboard.Server.BrowserUrl);
        Assert.EndsWith("/login", page.Url, StringComparison.Ordinal);
        await page.Locator("#token").FillAsync("not the token");
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator(".login-error")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "dashboard-login");

        await page.Locator("#token").FillAsync(dashboard.Server.BrowserToken);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("Resources");
        await Expect(page.Locator("tr[data-name='cache']")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "dashboard-resources-dark");
    }
}
