using System.Net;

namespace Platform.Hosting.Dashboard.Tests.Support;

/// <summary>Starts a dashboard on free ports with a fake resource source, and hands out signed-in and anonymous HTTP clients.</summary>
public sealed class TestDashboard : IAsyncDisposable
{
    private readonly List<HttpClient> _clients = [];

    private TestDashboard(DashboardServer server, FakeResourceSource resources)
    {
        Server = server;
        Resources = resources;
    }

    public DashboardServer Server { get; }

    public FakeResourceSource Resources { get; }

    public static async Task<TestDashboard> StartAsync(Action<DashboardOptions>? configure = null)
    {
        var options = new DashboardOptions { Port = 0, OtlpPort = 0 };
        configure?.Invoke(options);
        var resources = new FakeResourceSource();
        return new TestDashboard(await DashboardServer.StartAsync(options, resources), resources);
    }

    /// <summary>A client that does not follow redirects and holds no cookie.</summary>
    public HttpClient Anonymous() => Track(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(Server.BrowserUrl) });

    /// <summary>A client that has signed in through the login URL.</summary>
    public async Task<HttpClient> SignedInAsync()
    {
        var client = Track(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(Server.BrowserUrl) });
        using var response = await client.GetAsync(new Uri(Server.LoginUrl));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public HttpClient Otlp(string? apiKey)
    {
        var client = Track(new HttpClient { BaseAddress = new Uri(Server.OtlpEndpointUrl) });
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("x-otlp-api-key", apiKey);
        }

        return client;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking on every store change; fails after a generous timeout.</summary>
    public async Task WaitForTelemetryAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            var version = Server.Telemetry.Version;
            if (condition())
            {
                return;
            }

            try
            {
                await Server.Telemetry.WaitForChangeAsync(version, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Server.DisposeAsync();
    }

    private HttpClient Track(HttpClient client)
    {
        _clients.Add(client);
        return client;
    }
}
