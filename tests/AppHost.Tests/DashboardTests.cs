using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Tests.Shared;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AppHost.Tests;

/// <summary>
/// The Aspire dashboard as a developer uses it: opened in a real browser through the login link the AppHost prints,
/// looked at page by page. One AppHost run serves every test here (<see cref="DashboardSystem"/>).
/// </summary>
public sealed partial class DashboardTests(DashboardSystem system, ITestOutputHelper output) : IClassFixture<DashboardSystem>
{
    private static readonly TimeSpan PageWait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Dashboard_AfterLogin_ListsEveryResourceWithThreeSiloReplicasRunning()
    {
        var page = await LogInAsync();

        // The Resources page is the dashboard's home: one grid row per resource, each replica a row of its own.
        await page.GotoAsync(system.DashboardBase.ToString());
        await WaitForRowsAsync(page, "Resources", rows =>
        {
            var missing = new List<string>();
            foreach (var name in new[] { "redis", "postgres", "bankdb", "api" })
            {
                if (!rows.Any(row => IsRunningAndHealthy(row, name)))
                {
                    missing.Add($"{name} Running");
                }
            }

            var silos = rows.Count(row => row.Count > 0 && SiloReplica().IsMatch(row[0]) && IsRunningAndHealthy(row, row[0]));
            if (silos != 3)
            {
                missing.Add($"3 silo replicas Running (saw {silos})");
            }

            return missing.Count == 0 ? null : string.Join(", ", missing);
        });

        await ScreenshotAsync(page, "dashboard-resources.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Dashboard_AfterATransfer_ShowsStructuredLogsAndTracesFromTheApi()
    {
        await system.TransferAsync(output);
        var page = await LogInAsync();

        // The api's traces (the resource picker's own address), narrowed to its requests with the filter box as a user
        // would: the list then reads as the calls made above, token issues to the transfer. Each root span is the
        // API's server span, named after the route; waiting for every row to match shows the filter took effect.
        await page.GotoAsync(new Uri(system.DashboardBase, "traces/resource/api").ToString());
        await WaitForRowsAsync(page, "Traces", rows => HasTransferTrace(rows) ? null : "a trace named \"api: POST /transfers\"");
        await WaitForRowsAsync(page, "Traces filtered", rows =>
            HasTransferTrace(rows) && rows.All(row => row.Any(cell => cell.StartsWith("api: POST /", StringComparison.Ordinal)))
                ? null
                : "only the api's POST requests, the transfer among them, once filtered",
            // Typed again while the grid ignores it: a keystroke sent before Blazor's circuit is live is lost.
            retype: () => page.Locator("input[placeholder='Filter...']").FillAsync("POST /"));
        await ScreenshotAsync(page, "dashboard-traces.png");

        // The api's structured logs: its own line for the transfer (account numbers masked), attributed to the api.
        // The api is quiet after a request, so that line stays the newest, where the grid keeps its view.
        await page.GotoAsync(new Uri(system.DashboardBase, "structuredlogs/resource/api").ToString());
        await WaitForRowsAsync(page, "Structured logs", rows =>
            rows.Any(row => row.Count > 1 && row[0] == "api" && row.Any(cell => TransferLog().IsMatch(cell)))
                ? null
                : "an api entry \"Transfer from ****NNNN to ****NNNN: Completed.\"");
        await ScreenshotAsync(page, "dashboard-structured-logs.png");
        await page.Context.CloseAsync();
    }

    /// <summary>What a user does: a fresh browser opens the dashboard and is sent to log in, then follows the login link.</summary>
    private async Task<IPage> LogInAsync()
    {
        var page = await system.Chromium.NewPageAsync();
        page.SetDefaultTimeout((float)PageWait.TotalMilliseconds);

        // Without the token the dashboard shows nothing but its login form.
        await page.GotoAsync(system.DashboardBase.ToString());
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/login", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox)).ToBeVisibleAsync();

        var started = Stopwatch.StartNew();
        await page.GotoAsync(system.DashboardLogin.ToString());
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/login", StringComparison.Ordinal));
        output.WriteLine($"logged in with the browser token in {started.ElapsedMilliseconds} ms");
        return page;
    }

    /// <summary>
    /// Polls the page's grid (the dashboard is a Blazor app that fills it over its connection) until
    /// <paramref name="missing"/> finds nothing missing, doing <paramref name="retype"/> first and every 5 s meanwhile;
    /// fails with what was missing and what the grid showed.
    /// </summary>
    private async Task WaitForRowsAsync(
        IPage page, string what, Func<IReadOnlyList<IReadOnlyList<string>>, string?> missing, Func<Task>? retype = null)
    {
        var started = Stopwatch.StartNew();
        TimeSpan? typed = null;
        IReadOnlyList<IReadOnlyList<string>> rows = [];
        string? lack = "the page";
        while (started.Elapsed < PageWait)
        {
            if (retype is not null && (typed is null || started.Elapsed - typed > TimeSpan.FromSeconds(5)))
            {
                await retype();
                typed = started.Elapsed;
            }

            rows = await ReadGridAsync(page);
            lack = missing(rows);
            if (lack is null)
            {
                output.WriteLine($"{what}: shown after {started.ElapsedMilliseconds} ms, {rows.Count} rows");
                return;
            }

            await Task.Delay(500);
        }

        await ScreenshotAsync(page, $"failed-{what.ToLowerInvariant().Replace(' ', '-')}.png");
        var shown = string.Join("\n", rows.Select(row => "  | " + string.Join(" | ", row)));
        Assert.Fail($"{what} page ({page.Url.Split('?')[0]}) never showed {lack} within {PageWait.TotalSeconds:0} s. Its grid:\n{shown}");
    }

    /// <summary>The grid's rows, each as its cells' visible text, read in one go so a re-render cannot tear it.</summary>
    private static async Task<IReadOnlyList<IReadOnlyList<string>>> ReadGridAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<string[][]>("""
                () => Array.from(document.querySelectorAll('[role=row], tr'))
                    .map(row => Array.from(row.querySelectorAll('[role=gridcell], [role=cell], td'))
                        .map(cell => cell.innerText.trim()))
                    .filter(cells => cells.length > 0)
                """);
        }
        catch (PlaywrightException)
        {
            return [];   // navigating or re-rendering: read again next round
        }
    }

    private static bool HasTransferTrace(IReadOnlyList<IReadOnlyList<string>> rows) =>
        rows.Any(row => row.Any(cell => cell.StartsWith("api: POST /transfers", StringComparison.Ordinal)));

    // The state column reads "Running" once a resource runs and its health checks pass, "Running (Unhealthy)" before.
    private static bool IsRunningAndHealthy(IReadOnlyList<string> row, string name) =>
        row.Count > 0 && row[0] == name && row.Contains("Running");

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(DashboardSystem.RepositoryRoot, "artifacts", "screenshots", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path });
        output.WriteLine($"screenshot: {path}");
    }

    [GeneratedRegex(@"^silo-[a-z0-9]+$")]
    private static partial Regex SiloReplica();

    [GeneratedRegex(@"Transfer from \*+\d{4} to \*+\d{4}: Completed\.")]
    private static partial Regex TransferLog();
}

/// <summary>The AppHost, started once with its dashboard, and a headless Chromium to look at it.</summary>
public sealed class DashboardSystem : IAsyncLifetime
{
    public const string AdminToken = "bank_test-admin-token";

    private readonly DirectoryInfo _data = TestFolders.CreateServerData("apphost-dashboard-");
    private IDistributedApplicationTestingBuilder? _builder;
    private DistributedApplication? _app;
    private PlaywrightChromium? _chromium;

    /// <summary>The folder holding Platform.sln.</summary>
    public static string RepositoryRoot => TestFolders.RepositoryRoot;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("not started");

    internal PlaywrightChromium Chromium => _chromium ?? throw new InvalidOperationException("not started");

    /// <summary>The link that logs a browser in (<c>/login?t=</c> and the browser token), as `aspire run` prints it.</summary>
    public Uri DashboardLogin { get; private set; } = null!;

    public Uri DashboardBase => new(DashboardLogin.GetLeftPart(UriPartial.Authority) + "/");

    public async Task InitializeAsync()
    {
        PlaywrightChromium.EnsureInstalled();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        // EnableDashboard: the dashboard on loopback ports of its own, with a browser token generated for this run.
        _builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            new DistributedApplicationTestingBuilderOptions { EnableDashboard = true }, [], timeout.Token);
        _builder.Configuration["LocalServers:DataDirectory"] = _data.FullName;
        _builder.Configuration["Parameters:bank-admin-token"] = AdminToken;
        _app = await _builder.BuildAsync(timeout.Token);
        await _app.StartAndWaitHealthyAsync(["redis", "postgres", "bankdb", "silo", "api"], TimeSpan.FromMinutes(2), timeout.Token);

        // Waits for the dashboard to be healthy too; the answer carries the browser token.
        DashboardLogin = await _app.GetDashboardUrlAsync(timeout.Token);
        if (!DashboardLogin.AbsolutePath.StartsWith("/login", StringComparison.Ordinal) || !DashboardLogin.Query.StartsWith("?t=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the dashboard's URL is not a token login link: {DashboardLogin.GetLeftPart(UriPartial.Path)}");
        }

        _chromium = await PlaywrightChromium.LaunchAsync();
    }

    /// <summary>One transfer between two customers' accounts, made as a teller after funding the source.</summary>
    public async Task TransferAsync(ITestOutputHelper output)
    {
        var started = Stopwatch.StartNew();
        using var http = App.CreateHttpClient("api");
        var teller = await IssueAsync(http, "teller-1", "teller");
        var from = await OpenAsync(http, await IssueAsync(http, "customer-1", "customer"));
        var to = await OpenAsync(http, await IssueAsync(http, "customer-2", "customer"));
        await SendAsync(http, teller, HttpMethod.Post, $"/accounts/{from}/deposits", new { amount = "50.00" }, "seed", HttpStatusCode.OK);
        var transfer = await SendAsync(http, teller, HttpMethod.Post, "/transfers", new { from, to, amount = "12.34" }, "dashboard", HttpStatusCode.OK);
        Assert.Equal("completed", transfer.GetProperty("status").GetString());
        output.WriteLine($"transfer made in {started.ElapsedMilliseconds} ms");
    }

    private static async Task<string> IssueAsync(HttpClient http, string subject, string role) =>
        (await SendAsync(http, AdminToken, HttpMethod.Post, "/admin/tokens", new { subject, role }, null, HttpStatusCode.Created))
        .GetProperty("token").GetString()!;

    private static async Task<string> OpenAsync(HttpClient http, string token) =>
        (await SendAsync(http, token, HttpMethod.Post, "/accounts", new { currency = "EUR" }, null, HttpStatusCode.Created))
        .GetProperty("id").GetString()!;

    /// <summary>Sends with a bearer token; a 503 or 429 (silos still settling right after start-up) is retried for up to 30 s.</summary>
    private static async Task<JsonElement> SendAsync(HttpClient http, string token, HttpMethod method, string url, object body, string? key, HttpStatusCode expected)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            using var response = await http.SendAsync(request);
            if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests && attempt < 60)
            {
                await Task.Delay(500);
                continue;
            }

            Assert.True(response.StatusCode == expected, $"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_builder is not null)
        {
            await _builder.DisposeAsync();
        }

        _data.Delete(recursive: true);
    }

}
