using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ServiceDefaults.Tests.Infrastructure;

/// <summary>
/// A service as a user writes it: <c>AddServiceDefaults</c>, its own endpoints,
/// <c>MapDefaultEndpoints</c>, served by Kestrel on 127.0.0.1 and a free port.
/// </summary>
public sealed class ServiceApp : IAsyncDisposable
{
    private ServiceApp(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public static async Task<ServiceApp> StartAsync(
        string environment,
        IDictionary<string, string?> configuration,
        Action<WebApplicationBuilder>? configureBuilder = null,
        Action<WebApplication>? configureApp = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment, ApplicationName = "service-app" });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.AddServiceDefaults();
        configureBuilder?.Invoke(builder);

        var app = builder.Build();
        configureApp?.Invoke(app);
        app.MapDefaultEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServiceApp(app, new Uri(address));
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address };

    /// <summary>Stops the host, which flushes telemetry; safe to call before <see cref="DisposeAsync"/>.</summary>
    public Task StopAsync() => App.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
