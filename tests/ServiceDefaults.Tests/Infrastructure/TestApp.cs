using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ServiceDefaults.Tests.Infrastructure;

/// <summary>
/// A service as a user writes it: <c>AddServiceDefaults</c>, its own endpoints,
/// <c>MapDefaultEndpoints</c>; served in memory.
/// </summary>
public static class TestApp
{
    public const string ApplicationName = "ServiceDefaults.Tests";

    public static async Task<WebApplication> StartAsync(
        string environment = "Development",
        IDictionary<string, string?>? configuration = null,
        Action<WebApplicationBuilder>? configureBuilder = null,
        Action<WebApplication>? configureApp = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment, ApplicationName = ApplicationName });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(configuration ?? new Dictionary<string, string?>());
        builder.AddServiceDefaults();
        configureBuilder?.Invoke(builder);

        var app = builder.Build();
        configureApp?.Invoke(app);
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return app;
    }

    /// <summary>A generic (non-web) host with the service defaults, for what needs no requests.</summary>
    public static IHost StartHost(Action<HostApplicationBuilder> configure, bool addServiceDefaults = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
            ApplicationName = ApplicationName,
        });
        if (addServiceDefaults)
        {
            builder.AddServiceDefaults();
        }

        configure(builder);
        var host = builder.Build();
        host.Start();
        return host;
    }
}
