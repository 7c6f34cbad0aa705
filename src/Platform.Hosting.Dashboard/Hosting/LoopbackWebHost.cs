using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Platform.Hosting.Dashboard.Hosting;

/// <summary>Builds the small Kestrel hosts of the dashboard: 127.0.0.1 only, no console lifetime, the AppHost's logging.</summary>
internal static class LoopbackWebHost
{
    public static WebApplicationBuilder CreateBuilder(int port, long? maxRequestBodySize, ILoggerFactory? loggerFactory)
    {
        // The empty builder reads no configuration: the AppHost's environment (ASPNETCORE_URLS from launchSettings,
        // among others) configures the AppHost, not the dashboard, and would otherwise make Kestrel warn on every start.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(LoopbackWebHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = maxRequestBodySize;
        });
        builder.Services.AddSingleton<ILoggerFactory>(new FilteringLoggerFactory(loggerFactory ?? NullLoggerFactory.Instance));
        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        return builder;
    }

    /// <summary>Starts the app and returns the port it actually listens on (useful when 0 was asked).</summary>
    public static async Task<int> StartAsync(WebApplication app, string what, int port, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"The dashboard's {what} could not listen on 127.0.0.1:{port}: {ex.Message} Choose another port in DashboardOptions, or 0 for a free one.", ex);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address).Port;
    }
}
