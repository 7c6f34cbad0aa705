using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceDefaults.Tests.Infrastructure;

/// <summary>
/// A stand-in collector on 127.0.0.1 and a free port: accepts any OTLP/HTTP export and records
/// the paths posted to (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>).
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _paths;

    private OtlpReceiver(WebApplication app, ConcurrentQueue<string> paths, Uri address)
    {
        _app = app;
        _paths = paths;
        Address = address;
    }

    public Uri Address { get; }

    public IReadOnlyCollection<string> Paths => _paths;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var paths = new ConcurrentQueue<string>();
        app.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            paths.Enqueue(context.Request.Path.Value ?? string.Empty);
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new OtlpReceiver(app, paths, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
