using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ServiceDefaults.Tests.Infrastructure;

namespace ServiceDefaults.Tests;

public sealed class ServiceDiscoveryHandlerTests
{
    [Fact]
    public async Task SendAsync_OneReplica_ReachesItWithPathAndQuery()
    {
        string? seen = null;
        await using var api = await LoopbackServer.StartAsync(context =>
        {
            seen = context.Request.Path + context.Request.QueryString;
            return context.Response.WriteAsync("from api");
        });
        using var host = ClientHost.Create(new Dictionary<string, string?> { ["services:api:http:0"] = api.Address.ToString() });

        var body = await host.CreateClient().GetStringAsync(new Uri("http://api/orders/7?expand=lines"));

        Assert.Equal("from api", body);
        Assert.Equal("/orders/7?expand=lines", seen);
    }

    [Fact]
    public async Task SendAsync_TwoReplicas_SpreadsRequestsOverBoth()
    {
        await using var first = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("first"));
        await using var second = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("second"));
        using var host = ClientHost.Create(new Dictionary<string, string?>
        {
            ["services:api:http:0"] = first.Address.ToString(),
            ["services:api:http:1"] = second.Address.ToString(),
        });
        using var client = host.CreateClient();

        for (var i = 0; i < 10; i++)
        {
            using var response = await client.GetAsync(new Uri("http://api/"));
            response.EnsureSuccessStatusCode();
        }

        Assert.Equal(5, first.RequestCount);
        Assert.Equal(5, second.RequestCount);
    }

    [Fact]
    public async Task SendAsync_HttpsPlusHttpWithOnlyHttpEndpoint_FallsBackToHttp()
    {
        await using var api = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("plain http"));
        using var host = ClientHost.Create(new Dictionary<string, string?> { ["services:api:http:0"] = api.Address.ToString() });
        using var client = host.CreateClient();
        client.BaseAddress = new Uri("https+http://api");

        var body = await client.GetStringAsync(new Uri("/ping", UriKind.Relative));

        Assert.Equal("plain http", body);
    }

    [Fact]
    public async Task SendAsync_UnknownService_ThrowsNamingServiceAndConfigurationKey()
    {
        using var host = ClientHost.Create(new Dictionary<string, string?>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.CreateClient().GetAsync(new Uri("http://billing/invoices")));

        Assert.Contains("No endpoint for service 'billing'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'services:billing:http:0' is not set", error.Message, StringComparison.Ordinal);
        Assert.Contains("services__billing__http__0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_UnknownServiceOverHttpsPlusHttp_NamesBothKeys()
    {
        using var host = ClientHost.Create(new Dictionary<string, string?>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.CreateClient().GetAsync(new Uri("https+http://billing/")));

        Assert.Contains("'services:billing:https:0' and 'services:billing:http:0' are not set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task SendAsync_IpOrLocalhost_PassesThroughUntouched(string hostName)
    {
        await using var api = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("direct"));
        using var host = ClientHost.Create(new Dictionary<string, string?>());
        var direct = new UriBuilder(api.Address) { Host = hostName }.Uri;

        using var response = await host.CreateClient().GetAsync(direct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, api.RequestCount);
    }

    [Fact]
    public async Task SendAsync_HostWithDot_IsNotLookedUpInConfiguration()
    {
        // A dotted name is a real host: discovery must leave it alone even when a service of that name is configured.
        await using var real = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("real host " + context.Request.Host));
        await using var configured = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("configured"));
        using var host = ClientHost.Create(
            new Dictionary<string, string?> { ["services:api.example:http:0"] = configured.Address.ToString() },
            services => services.AddHttpClient("dotted").ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // No DNS here: every connection of this client goes to the real server, whatever the host name.
                ConnectCallback = async (_, cancellationToken) =>
                {
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                    await socket.ConnectAsync(IPAddress.Loopback, real.Address.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            }));

        var body = await host.CreateClient("dotted").GetStringAsync(new Uri("http://api.example/"));

        Assert.Equal("real host api.example", body);
        Assert.Equal(0, configured.RequestCount);
    }
}
