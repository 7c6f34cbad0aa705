using System.Net;
using System.Net.Http.Json;
using Bank.Tests.Infrastructure;

namespace Bank.Tests.Api;

[Collection(ServersCollectionDefinition.Name)]
public sealed class TokenTests(ServersFixture servers)
{
    [Fact]
    public async Task ListTokens_AfterIssuing_ShowsIdSubjectAndRoleButNeverTheSecret()
    {
        var api = await servers.GetApiAsync("main");
        using var admin = api.ClientFor(BankApiFactory.AdminToken);
        var issued = await (await admin.PostAsJsonAsync("/admin/tokens", new { subject = "carol-list", role = "teller" })).JsonAsync();

        var response = await admin.GetAsync("/admin/tokens?subject=carol-list");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var listed = Assert.Single((await response.JsonAsync()).EnumerateArray());
        Assert.Equal(issued.GetProperty("id").GetString(), listed.GetProperty("id").GetString());
        Assert.Equal("carol-list", listed.GetProperty("subject").GetString());
        Assert.Equal("teller", listed.GetProperty("role").GetString());
        Assert.DoesNotContain(issued.GetProperty("token").GetString()!, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeToken_Issued_RefusedAtOnceAndGoneFromTheList()
    {
        var api = await servers.GetApiAsync("main");
        using var admin = api.ClientFor(BankApiFactory.AdminToken);
        var (teller, subject) = await api.SignInAsync("teller");
        Assert.Equal(HttpStatusCode.OK, (await teller.GetAsync("/accounts?ownerId=nobody")).StatusCode); // cached as valid now
        var id = Assert.Single((await (await admin.GetAsync($"/admin/tokens?subject={subject}")).JsonAsync()).EnumerateArray()).GetProperty("id").GetString();

        var revoke = await admin.DeleteAsync($"/admin/tokens/{id}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await teller.GetAsync("/accounts?ownerId=nobody")).StatusCode);
        Assert.Empty((await (await admin.GetAsync($"/admin/tokens?subject={subject}")).JsonAsync()).EnumerateArray());
        var again = await admin.DeleteAsync($"/admin/tokens/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("id", await again.ProblemFieldAsync());
    }

    [Fact]
    public async Task RevokeToken_OnOneReplica_OtherReplicaRefusesItDespiteItsCache()
    {
        // Two API replicas on one database and one Redis; the second trusts its lookups for an hour, so only the
        // revocation announced through Redis can make it refuse the token.
        var bankDb = await servers.CreateDatabaseAsync();
        var settings = new Dictionary<string, string> { ["Bank:TokenCacheSeconds"] = "3600" };
        await using var first = new BankApiFactory(bankDb, servers.Redis.ConnectionString, settings: settings);
        await using var second = new BankApiFactory(bankDb, servers.Redis.ConnectionString, settings: settings);
        using var admin = first.ClientFor(BankApiFactory.AdminToken);
        var issued = await (await admin.PostAsJsonAsync("/admin/tokens", new { subject = "dave", role = "auditor" })).JsonAsync();
        using var onSecond = second.ClientFor(issued.GetProperty("token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/accounts?ownerId=nobody")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/admin/tokens/{issued.GetProperty("id").GetString()}")).StatusCode);

        await Probe.WaitUntilAsync(
            async () => (await onSecond.GetAsync("/accounts?ownerId=nobody")).StatusCode == HttpStatusCode.Unauthorized,
            "the second replica to refuse the revoked token");
    }

    [Theory]
    [InlineData("customer")]
    [InlineData("auditor")]
    public async Task ListOrRevokeTokens_NotAdmin_Forbidden(string role)
    {
        var api = await servers.GetApiAsync("main");
        var (caller, _) = await api.SignInAsync(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await caller.GetAsync("/admin/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caller.DeleteAsync($"/admin/tokens/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task ListTokens_MalformedSubjectFilter_BadRequestNamingSubject()
    {
        var api = await servers.GetApiAsync("main");
        using var admin = api.ClientFor(BankApiFactory.AdminToken);

        var response = await admin.GetAsync("/admin/tokens?subject=" + Uri.EscapeDataString("not a subject!"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("subject", await response.ProblemFieldAsync());
    }
}
