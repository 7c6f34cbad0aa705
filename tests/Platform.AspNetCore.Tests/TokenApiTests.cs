using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.AspNetCore.Tests.Infrastructure;
using Platform.AspNetCore.Tokens;
using Platform.Tests.Shared;
using static Platform.AspNetCore.Tests.Infrastructure.HttpExtensions;

namespace Platform.AspNetCore.Tests;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class TokenApiTests(PostgresFixture servers) : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private TestApi? _api;

    private HttpClient Client => _api!.Client;

    [Fact]
    public async Task The_configured_admin_token_issues_a_prefixed_token_that_authenticates_with_its_role()
    {
        using var issue = await IssueAsync("alice", TestApi.ReaderRole);
        Assert.Equal(HttpStatusCode.Created, issue.StatusCode);
        var issued = (await issue.Content.ReadFromJsonAsync<IssuedToken>(Web))!;
        Assert.StartsWith(TestApi.Prefix, issued.Token, StringComparison.Ordinal);
        Assert.True(issued.Token.Length > TestApi.Prefix.Length + 40, issued.Token);
        Assert.Equal(("alice", TestApi.ReaderRole), (issued.Subject, issued.Role));
        Assert.Equal($"/admin/tokens/{issued.Id}", issue.Headers.Location?.OriginalString);

        using var me = await Client.SendAsync(HttpMethod.Get, "/me", TestApi.Bearer(issued.Token));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(new Caller("alice", TestApi.ReaderRole), await me.Content.ReadFromJsonAsync<Caller>(Web));
    }

    [Fact]
    public async Task Two_issued_tokens_differ()
    {
        var first = await IssueOkAsync("twin", TestApi.ReaderRole);
        var second = await IssueOkAsync("twin", TestApi.ReaderRole);

        Assert.NotEqual(first.Token, second.Token);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task The_list_shows_the_token_but_never_its_secret()
    {
        var issued = await IssueOkAsync("bob", TestApi.ReaderRole);

        using var all = await Client.SendAsync(HttpMethod.Get, "/admin/tokens", TestApi.Bearer(TestApi.AdminToken));
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        var text = await all.Content.ReadAsStringAsync();
        Assert.DoesNotContain(issued.Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestApi.AdminToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestApi.Prefix, text, StringComparison.Ordinal);
        var listed = JsonSerializer.Deserialize<List<TokenInfo>>(text, Web)!;
        var bob = Assert.Single(listed, t => t.Id == issued.Id);
        Assert.Equal(("bob", TestApi.ReaderRole), (bob.Subject, bob.Role));
        Assert.True(DateTimeOffset.UtcNow - bob.CreatedAt < TimeSpan.FromMinutes(5), $"created {bob.CreatedAt}");
        Assert.Contains(listed, t => t.Role == ApiRoles.Admin);
        using (var json = JsonDocument.Parse(text))
        {
            Assert.All(json.RootElement.EnumerateArray(), t => Assert.Equal(
                ["createdAt", "id", "role", "subject"], t.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
        }

        using var filtered = await Client.SendAsync(HttpMethod.Get, "/admin/tokens?subject=bob", TestApi.Bearer(TestApi.AdminToken));
        var onlyBob = (await filtered.Content.ReadFromJsonAsync<List<TokenInfo>>(Web))!;
        Assert.Equal([issued.Id], onlyBob.Select(t => t.Id));
    }

    [Fact]
    public async Task A_revoked_token_is_refused_at_once_even_after_it_was_cached()
    {
        var issued = await IssueOkAsync("carol", TestApi.ReaderRole);
        using (var before = await Client.SendAsync(HttpMethod.Get, "/me", TestApi.Bearer(issued.Token)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoke = await Client.SendAsync(HttpMethod.Delete, $"/admin/tokens/{issued.Id}", TestApi.Bearer(TestApi.AdminToken));
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        using var after = await Client.SendAsync(HttpMethod.Get, "/me", TestApi.Bearer(issued.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        using var asBasic = await Client.SendAsync(HttpMethod.Get, "/me", TestApi.Basic("carol", issued.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, asBasic.StatusCode);

        using var list = await Client.SendAsync(HttpMethod.Get, "/admin/tokens?subject=carol", TestApi.Bearer(TestApi.AdminToken));
        Assert.Empty((await list.Content.ReadFromJsonAsync<List<TokenInfo>>(Web))!);

        using var again = await Client.SendAsync(HttpMethod.Delete, $"/admin/tokens/{issued.Id}", TestApi.Bearer(TestApi.AdminToken));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("id", (await again.ReadProblemAsync()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_non_admin_is_forbidden_the_admin_API()
    {
        var reader = await IssueOkAsync("dave", TestApi.ReaderRole);
        var auth = TestApi.Bearer(reader.Token);

        using var issue = await Client.SendAsync(HttpMethod.Post, "/admin/tokens", auth, Json(new IssueTokenRequest("mallory", ApiRoles.Admin)));
        using var list = await Client.SendAsync(HttpMethod.Get, "/admin/tokens", auth);
        using var revoke = await Client.SendAsync(HttpMethod.Delete, $"/admin/tokens/{reader.Id}", auth);

        Assert.Equal(HttpStatusCode.Forbidden, issue.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, revoke.StatusCode);
        using var mallory = await Client.SendAsync(HttpMethod.Get, "/admin/tokens?subject=mallory", TestApi.Bearer(TestApi.AdminToken));
        Assert.Empty((await mallory.Content.ReadFromJsonAsync<List<TokenInfo>>(Web))!);
        using var still = await Client.SendAsync(HttpMethod.Get, "/me", auth);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Theory]
    [InlineData("erin", "root", "role")]
    [InlineData("erin", "Admin", "role")]
    [InlineData("erin", null, "role")]
    [InlineData("", "reader", "subject")]
    [InlineData(null, "reader", "subject")]
    [InlineData("has space", "reader", "subject")]
    [InlineData("semi;colon", "reader", "subject")]
    [InlineData("sixty-five-characters-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "reader", "subject")]
    public async Task An_unknown_role_or_a_bad_subject_is_a_400_naming_it(string? subject, string? role, string field)
    {
        using var response = await IssueAsync(subject, role);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ReadErrorFieldsAsync());
    }

    [Fact]
    public async Task A_subject_of_64_allowed_characters_is_accepted()
    {
        var subject = "a.b-c_" + new string('x', 58);
        Assert.Equal(64, subject.Length);

        var issued = await IssueOkAsync(subject, TestApi.ReaderRole);

        Assert.Equal(subject, issued.Subject);
    }

    [Fact]
    public async Task A_bad_subject_filter_is_a_400_naming_it()
    {
        using var response = await Client.SendAsync(HttpMethod.Get, "/admin/tokens?subject=no%20spaces", TestApi.Bearer(TestApi.AdminToken));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["subject"], await response.ReadErrorFieldsAsync());
    }

    [Theory]
    [InlineData("/me")]
    [InlineData("/admin/tokens")]
    public async Task No_credential_is_challenged_as_bearer(string path)
    {
        using var response = await Client.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Fact]
    public async Task No_credential_on_the_basic_challenge_path_is_challenged_as_basic()
    {
        using var response = await Client.SendAsync(HttpMethod.Get, TestApi.BasicPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Basic", challenge.Scheme);
        Assert.StartsWith($"realm=\"{TestApi.Section}", challenge.Parameter, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer tst_not-a-known-token")]
    [InlineData("Bearer ")]
    [InlineData("Basic !!!not-base64")]
    [InlineData("Basic dXNlci1ub3Bhc3N3b3Jk")]
    public async Task An_unknown_or_malformed_credential_is_a_401(string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_overlong_token_is_a_401_without_a_lookup()
    {
        using var response = await Client.SendAsync(HttpMethod.Get, "/me", TestApi.Bearer(TestApi.Prefix + new string('x', 300)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_token_as_the_basic_password_authenticates_with_any_user_name()
    {
        var reader = await IssueOkAsync("frank", TestApi.ReaderRole);

        using var dashboard = await Client.SendAsync(HttpMethod.Get, TestApi.BasicPath, TestApi.Basic("anyone", TestApi.AdminToken));
        using var me = await Client.SendAsync(HttpMethod.Get, "/me", TestApi.Basic("", reader.Token));
        using var readerOnDashboard = await Client.SendAsync(HttpMethod.Get, TestApi.BasicPath, TestApi.Basic("frank", reader.Token));

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal("dashboard", await dashboard.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(new Caller("frank", TestApi.ReaderRole), await me.Content.ReadFromJsonAsync<Caller>(Web));
        Assert.Equal(HttpStatusCode.Forbidden, readerOnDashboard.StatusCode);
    }

    [Fact]
    public async Task An_issued_admin_token_can_issue_tokens()
    {
        var admin = await IssueOkAsync("ops", ApiRoles.Admin);

        using var response = await Client.SendAsync(HttpMethod.Post, "/admin/tokens", TestApi.Bearer(admin.Token),
            Json(new IssueTokenRequest("grace", TestApi.ReaderRole)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private Task<HttpResponseMessage> IssueAsync(string? subject, string? role) =>
        Client.SendAsync(HttpMethod.Post, "/admin/tokens", TestApi.Bearer(TestApi.AdminToken), Json(new IssueTokenRequest(subject, role)));

    private async Task<IssuedToken> IssueOkAsync(string subject, string role)
    {
        using var response = await IssueAsync(subject, role);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<IssuedToken>(Web))!;
    }

    public async Task InitializeAsync() => _api = await TestApi.StartAsync(await servers.CreateDatabaseAsync("tokens"));

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }
}
