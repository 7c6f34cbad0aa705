using System.Net;
using System.Text.Json;
using Platform.Hosting.Dashboard.Tests.Support;

namespace Platform.Hosting.Dashboard.Tests;

public sealed class BrowserAuthTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/anything")]
    public async Task Page_WithoutCookie_RedirectsToLogin(string path)
    {
        await using var dashboard = await TestDashboard.StartAsync();

        using var response = await dashboard.Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/api/resources")]
    [InlineData("/api/logs")]
    [InlineData("/api/traces")]
    [InlineData("/api/metrics?resource=api")]
    [InlineData("/api/console/api")]
    [InlineData("/api/stream/changes")]
    public async Task Api_WithoutCookie_Returns401(string path)
    {
        await using var dashboard = await TestDashboard.StartAsync();

        using var response = await dashboard.Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_WithForgedCookie_Returns401()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var client = dashboard.Anonymous();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/resources");
        request.Headers.Add("Cookie", "platform-dashboard=" + dashboard.Server.BrowserToken);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Login_WithToken_SetsStrictHttpOnlyCookieThatIsNotTheToken()
    {
        await using var dashboard = await TestDashboard.StartAsync();

        using var response = await dashboard.Anonymous().GetAsync(new Uri(dashboard.Server.LoginUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(dashboard.Server.BrowserToken, cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithWrongToken_Returns401AndNoCookie()
    {
        await using var dashboard = await TestDashboard.StartAsync();

        using var response = await dashboard.Anonymous().GetAsync("/login?t=wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("not valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_PostedToken_SignsIn()
    {
        await using var dashboard = await TestDashboard.StartAsync();

        using var form = new FormUrlEncodedContent([new("token", dashboard.Server.BrowserToken)]);
        using var response = await dashboard.Anonymous().PostAsync("/login", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Login_AlreadySignedIn_RedirectsToTheApp()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var client = await dashboard.SignedInAsync();

        using var response = await client.GetAsync("/login");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Resources_SignedIn_ListsResourcesWithSecretsMasked()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var client = await dashboard.SignedInAsync();

        var json = await client.GetStringAsync("/api/resources");

        Assert.DoesNotContain("hunter2", json, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(["cache", "api", "silo"], doc.RootElement.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        var password = doc.RootElement[0].GetProperty("environment")[0];
        Assert.True(password.GetProperty("isSecret").GetBoolean());
    }

    [Fact]
    public async Task Command_WithoutRequestHeader_Returns403AndDoesNothing()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var client = await dashboard.SignedInAsync();

        using var response = await client.PostAsync("/api/resources/api/commands/stop", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(dashboard.Resources.Commands);
    }

    [Fact]
    public async Task Command_WithRequestHeader_ReachesTheResourceSource()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var client = await dashboard.SignedInAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/resources/silo/commands/restart?replica=1");
        request.Headers.Add("X-Dashboard-Request", "1");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(("silo", "restart", (int?)1), Assert.Single(dashboard.Resources.Commands));
    }

    [Theory]
    [InlineData("/api/resources/nope/commands/stop", HttpStatusCode.NotFound)]
    [InlineData("/api/resources/api/commands/explode", HttpStatusCode.BadRequest)]
    public async Task Command_UnknownResourceOrCommand_IsRejected(string path, HttpStatusCode expected)
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var client = await dashboard.SignedInAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("X-Dashboard-Request", "1");
        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(dashboard.Resources.Commands);
    }

    [Fact]
    public async Task Page_SignedIn_ServesTheAppWithAStrictContentSecurityPolicy()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var client = await dashboard.SignedInAsync();

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/assets/js/app.js", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var csp = string.Join(';', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
    }
}
