using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting.Dashboard;

// Starts the dashboard before anything else and stops it after everything else: it is disposed with the
// AppHost's service provider, which happens only once the orchestrator has stopped every process, so their
// last telemetry and console lines still arrive.
internal sealed class DashboardLifecycleHook(
    DistributedApplicationOptions options,
    IConfiguration configuration,
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    IServiceProvider services,
    ILoggerFactory loggerFactory) : IDistributedApplicationLifecycleHook, IAsyncDisposable
{
    private DashboardServer? _server;

    /// <summary>The running dashboard, or null before start and after stop.</summary>
    public DashboardServer? Server => _server;

    public async Task BeforeStartAsync(DistributedApplicationModel model, CancellationToken cancellationToken)
    {
        var settings = DashboardSettings.Read(configuration, options.RandomizePorts);
        settings.EnsurePortsFree();

        // Resolved lazily: the command service needs the orchestrator, which needs this hook.
        var source = new DashboardResourceSource(notifications, logs, services.GetRequiredService<ResourceCommandService>);
        try
        {
            _server = await DashboardServer.StartAsync(settings.Options, source, loggerFactory, cancellationToken);
        }
        catch (InvalidOperationException ex) when (ex.InnerException is IOException)
        {
            // Lost a race for a port checked free a moment ago; the dashboard's message names the port.
            throw new DistributedApplicationException(ex.Message + $" Set {DashboardSettings.PortKey} / {DashboardSettings.OtlpPortKey} (environment Dashboard__Port / Dashboard__OtlpPort), or 0 for a free port.", ex);
        }

        options.OtlpEndpoint = _server.OtlpEndpointUrl;
        options.OtlpApiKey = _server.OtlpApiKey;
        options.DashboardUrl = _server.BrowserUrl;
        if (options.EchoResourceOutput)
        {
            // The one place the token is shown: the AppHost's console, never a logger.
            Console.Out.WriteLine($"Login to the dashboard at {_server.LoginUrl}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            await server.DisposeAsync();
        }
    }
}
