using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ServiceDefaults.Tests.Infrastructure;

/// <summary>
/// A host with <c>AddServiceDefaults</c> and in-memory configuration, handing out clients from
/// its real <see cref="IHttpClientFactory"/>. Defaults (environment variables, appsettings) are
/// off so the machine's environment cannot leak into a test.
/// </summary>
public sealed class ClientHost : IDisposable
{
    private readonly IHost _host;

    private ClientHost(IHost host)
    {
        _host = host;
    }

    public IServiceProvider Services => _host.Services;

    public static ClientHost Create(IDictionary<string, string?> configuration, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
        });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddServiceDefaults();
        configureServices?.Invoke(builder.Services);
        return new ClientHost(builder.Build());
    }

    public HttpClient CreateClient(string name = "") =>
        _host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    public void Dispose() => _host.Dispose();
}
