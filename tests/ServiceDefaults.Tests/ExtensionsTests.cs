using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using ServiceDefaults.Tests.Infrastructure;

namespace ServiceDefaults.Tests;

public sealed class ExtensionsTests
{
    [Fact]
    public async Task AddServiceDefaults_CalledTwice_RetriesThroughOnePipeline()
    {
        var stub = new StubHandler(HttpStatusCode.ServiceUnavailable);
        using var host = StartClientHost(stub, ["http://127.0.0.1:5001"], callTwice: true);

        using var response = await CreateClient(host).GetAsync(new Uri("http://api/accounts"));

        // One retry: two attempts. Two stacked pipelines would make 2 × 2.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task AddServiceDefaults_CalledTwice_HealthReportsOneSelfCheck()
    {
        await using var app = await TestApp.StartAsync(configureBuilder: builder => builder.AddServiceDefaults());
        using var client = app.GetTestClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["self"], json.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task AddServiceDefaults_ClientCallsServiceByName_SendsToConfiguredEndpoint()
    {
        var stub = new StubHandler(HttpStatusCode.OK);
        using var host = StartClientHost(stub, ["http://127.0.0.1:5001"]);

        using var response = await CreateClient(host).GetAsync(new Uri("http://api/accounts/7?full=true"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([new Uri("http://127.0.0.1:5001/accounts/7?full=true")], stub.Requests);
    }

    [Fact]
    public async Task AddServiceDefaults_RetriedRequest_ResolvesEachAttemptToTheNextReplica()
    {
        var stub = new StubHandler(HttpStatusCode.ServiceUnavailable);
        using var host = StartClientHost(stub, ["http://127.0.0.1:5001", "http://127.0.0.1:5002"]);

        using var response = await CreateClient(host).GetAsync(new Uri("http://api/accounts"));

        // Resilience is outside discovery: the retry goes to the other replica, not the one that failed.
        Assert.Equal(2, stub.Requests.Select(uri => uri.Port).Distinct().Count());
    }

    private static IHost StartClientHost(StubHandler stub, string[] replicas, bool callTwice = false) =>
        TestApp.StartHost(builder =>
        {
            builder.Configuration.AddInMemoryCollection(
                replicas.Select((address, index) => KeyValuePair.Create<string, string?>($"services:api:http:{index}", address)));
            if (callTwice)
            {
                builder.AddServiceDefaults();
            }

            builder.Services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => stub));
            builder.Services.ConfigureAll<HttpStandardResilienceOptions>(options =>
            {
                options.Retry.MaxRetryAttempts = 1;
                options.Retry.Delay = TimeSpan.Zero;
            });
        });

    private static HttpClient CreateClient(IHost host) =>
        host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("api");
}
