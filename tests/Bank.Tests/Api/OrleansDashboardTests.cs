using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bank.Tests.Infrastructure;

namespace Bank.Tests.Api;

/// <summary>The Orleans dashboard, served by the API at /orleans to the admin only, with a browser's password prompt.</summary>
[Collection(ServersCollectionDefinition.Name)]
public sealed class OrleansDashboardTests(ServersFixture servers)
{
    [Fact]
    public async Task Dashboard_NoCredentials_401WithABasicChallengeSoTheBrowserPrompts()
    {
        var api = await servers.GetApiAsync("kestrel", kestrel: true);
        using var anonymous = api.CreateClient();

        using var response = await anonymous.GetAsync("/orleans/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Basic realm=", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_AdminTokenAsBasicPassword_ServesThePageAndTheClusterItsGrainsRunOn()
    {
        var api = await servers.GetApiAsync("kestrel", kestrel: true);
        using var browser = api.CreateClient();
        browser.DefaultRequestHeaders.Authorization = Basic("anyone", BankApiFactory.AdminToken);

        using var page = await browser.GetAsync("/orleans/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

        // The counters are gathered once a second: the API's own silo shows up as an active host.
        var hosts = 0;
        await Probe.WaitUntilAsync(async () =>
        {
            using var counters = await browser.GetAsync("/orleans/DashboardCounters");
            Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
            using var json = JsonDocument.Parse(await counters.Content.ReadAsStringAsync());
            hosts = json.RootElement.GetProperty("totalActiveHostCount").GetInt32();
            return hosts > 0;
        }, "the dashboard to count the silo");
        Assert.Equal(1, hosts);
    }

    [Theory]
    [InlineData("customer")]
    [InlineData("teller")]
    [InlineData("auditor")]
    public async Task Dashboard_AnyOtherRole_403(string role)
    {
        var api = await servers.GetApiAsync("kestrel", kestrel: true);
        var (client, _) = await api.SignInAsync(role);

        using var response = await client.GetAsync("/orleans/ClusterStats");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WrongPassword_401()
    {
        var api = await servers.GetApiAsync("kestrel", kestrel: true);
        using var browser = api.CreateClient();
        browser.DefaultRequestHeaders.Authorization = Basic("admin", "not-the-token");

        using var response = await browser.GetAsync("/orleans/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
