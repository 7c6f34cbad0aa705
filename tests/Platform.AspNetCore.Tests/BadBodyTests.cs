using System.Net;
using Platform.AspNetCore.Tests.Infrastructure;
using Platform.Tests.Shared;
using static Platform.AspNetCore.Tests.Infrastructure.HttpExtensions;

namespace Platform.AspNetCore.Tests;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class BadBodyTests(PostgresFixture servers) : IAsyncLifetime
{
    private TestApi? _api;

    private HttpClient Client => _api!.Client;

    [Theory]
    [InlineData("{\"name\":\"teapot\",")]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    [InlineData("\"a string\"")]
    [InlineData("null")]
    public async Task An_unreadable_body_is_a_400_naming_the_body(string body)
    {
        using var response = await Client.SendAsync(HttpMethod.Post, "/jobs", content: Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["body"], await response.ReadErrorFieldsAsync());
    }

    [Theory]
    [InlineData("""{"name":"teapot","frames":"x"}""", "frames")]
    [InlineData("""{"name":"teapot","frames":1.5}""", "frames")]
    [InlineData("""{"name":42,"frames":3}""", "name")]
    public async Task A_value_of_the_wrong_type_is_a_400_naming_its_field(string body, string field)
    {
        using var response = await Client.SendAsync(HttpMethod.Post, "/jobs", content: Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ReadErrorFieldsAsync());
    }

    [Fact]
    public async Task A_good_body_still_reaches_the_endpoint()
    {
        using var response = await Client.SendAsync(HttpMethod.Post, "/jobs", content: Body("""{"name":"teapot","frames":3}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"name":"teapot","frames":3}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_malformed_body_to_the_token_admin_API_is_a_400_not_a_500()
    {
        using var response = await Client.SendAsync(HttpMethod.Post, "/admin/tokens", TestApi.Bearer(TestApi.AdminToken), Body("{\"subject\""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["body"], await response.ReadErrorFieldsAsync());
    }

    // A syntax error inside a value carries the reader's path too ("$.subject"), like a value of the wrong type does:
    // it must still be reported as an unreadable body, not as that field having "a value of the wrong type".
    [Theory]
    [InlineData("/jobs", "{\"name\":\"teapot\",\"frames\":")]
    [InlineData("/jobs", "{\"name\":\"teapot\",\"frames\":}")]
    [InlineData("/admin/tokens", "{\"subject\":")]
    public async Task A_body_cut_off_inside_a_value_is_named_body_not_that_field(string path, string body)
    {
        using var response = await Client.SendAsync(HttpMethod.Post, path, TestApi.Bearer(TestApi.AdminToken), Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["body"], await response.ReadErrorFieldsAsync());
    }

    // A route or query value that does not parse names that value, not the body (Bank: GET /accounts/{id}/statement?page=x).
    [Theory]
    [InlineData("/items/abc", "id")]
    [InlineData("/pages?page=abc", "page")]
    public async Task An_unreadable_route_or_query_value_is_a_400_naming_it(string path, string field)
    {
        using var response = await Client.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ReadErrorFieldsAsync());
    }

    [Fact]
    public async Task A_malformed_body_is_a_400_whatever_the_client_accepts()
    {
        using var response = await Client.SendAsync(HttpMethod.Post, "/jobs", content: Body("{oops"), accept: "text/html");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
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
