using System.Net;
using Platform.AspNetCore.Tests.Infrastructure;
using Platform.Tests.Shared;

namespace Platform.AspNetCore.Tests;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class BackendProblemTests(PostgresFixture servers) : IAsyncLifetime
{
    private TestApi? _api;

    private HttpClient Client => _api!.Client;

    [Theory]
    [InlineData("silo")]
    [InlineData("timeout")]
    [InlineData("npgsql")]
    [InlineData("canceled")]
    [InlineData("aborted")]
    [InlineData("registered")]
    [InlineData("registered-wrapped")]
    public async Task An_unreachable_backend_is_a_503_with_retry_after_and_the_configured_title(string kind)
    {
        using var response = await Client.SendAsync(HttpMethod.Get, "/fail/" + kind);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.True(response.Headers.RetryAfter.Delta > TimeSpan.Zero, $"Retry-After: {response.Headers.RetryAfter}");
        var problem = await response.ReadProblemAsync();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal(TestApi.BackendTitle, problem.GetProperty("title").GetString());
        Assert.Equal(TestApi.BackendDetail, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("bug")]
    [InlineData("readonly")]
    public async Task A_bug_is_a_500_without_retry_after(string kind)
    {
        using var response = await Client.SendAsync(HttpMethod.Get, "/fail/" + kind);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Null(response.Headers.RetryAfter);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(TestApi.BackendTitle, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outage_is_a_503_whatever_the_client_accepts()
    {
        using var response = await Client.SendAsync(HttpMethod.Get, "/fail/silo", accept: "text/html");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
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
