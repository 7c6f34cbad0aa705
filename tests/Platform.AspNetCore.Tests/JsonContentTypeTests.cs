using System.Net;
using Platform.AspNetCore.Tests.Infrastructure;
using Platform.Tests.Shared;
using static Platform.AspNetCore.Tests.Infrastructure.HttpExtensions;

namespace Platform.AspNetCore.Tests;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class JsonContentTypeTests(PostgresFixture servers) : IAsyncLifetime
{
    private const string ValidJob = """{"name":"teapot","frames":3}""";
    private TestApi? _api;

    private HttpClient Client => _api!.Client;

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_JSON_endpoint_without_a_JSON_content_type_is_a_400_naming_the_header(string? contentType)
    {
        using var response = await Client.SendAsync(HttpMethod.Post, "/jobs", content: Body(ValidJob, contentType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Content-Type"], await response.ReadErrorFieldsAsync());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/problem+json")]
    public async Task A_JSON_content_type_reaches_the_endpoint(string contentType)
    {
        using var response = await Client.SendAsync(HttpMethod.Post, "/jobs", content: Body(ValidJob, contentType));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("teapot", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_POST_to_an_endpoint_without_a_body_needs_no_content_type()
    {
        using var response = await Client.SendAsync(HttpMethod.Post, $"/jobs/{Guid.NewGuid()}/cancel");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task A_POST_to_an_unknown_route_stays_404()
    {
        using var withoutBody = await Client.SendAsync(HttpMethod.Post, "/nowhere");
        using var withText = await Client.SendAsync(HttpMethod.Post, "/nowhere", content: Body("hi", "text/plain"));

        Assert.Equal(HttpStatusCode.NotFound, withoutBody.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withText.StatusCode);
    }

    [Fact]
    public async Task The_check_runs_after_authorization_so_an_anonymous_caller_learns_nothing_but_401()
    {
        using var response = await Client.SendAsync(HttpMethod.Post, "/admin/tokens", content: Body("{}", null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_token_admin_API_also_names_a_missing_content_type()
    {
        using var response = await Client.SendAsync(HttpMethod.Post, "/admin/tokens", TestApi.Bearer(TestApi.AdminToken),
            Body("""{"subject":"alice","role":"reader"}""", "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Content-Type"], await response.ReadErrorFieldsAsync());
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
