using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Hosting.Dashboard.Hosting;
using Platform.Hosting.Dashboard.Otlp;
using Platform.Hosting.Dashboard.Resources;
using Platform.Hosting.Dashboard.Telemetry;
using Platform.Hosting.Dashboard.Web;

namespace Platform.Hosting.Dashboard;

/// <summary>
/// A running dashboard: the web UI and the OTLP/HTTP receiver, each on its own 127.0.0.1 port, sharing one <see cref="TelemetryStore"/>.
/// </summary>
/// <example>
/// How the AppHost starts it:
/// <code>
/// await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), orchestrator, loggerFactory, ct);
/// Console.WriteLine($"Dashboard: {dashboard.LoginUrl}");
/// // give every service OTEL_EXPORTER_OTLP_ENDPOINT = dashboard.OtlpEndpointUrl
/// //                   OTEL_EXPORTER_OTLP_HEADERS  = "x-otlp-api-key=" + dashboard.OtlpApiKey
/// </code>
/// </example>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _ui;
    private readonly WebApplication _otlp;
    private readonly CancellationTokenSource _stopping = new();
    private Task _resourceWatch = Task.CompletedTask;
    private int _disposed;

    private DashboardServer(WebApplication ui, WebApplication otlp, TelemetryStore telemetry, string browserToken, string otlpApiKey)
    {
        _ui = ui;
        _otlp = otlp;
        Telemetry = telemetry;
        BrowserToken = browserToken;
        OtlpApiKey = otlpApiKey;
    }

    /// <summary>Gets the UI's address, e.g. <c>http://127.0.0.1:18888/</c>. Opening it without signing in leads to the login page.</summary>
    public string BrowserUrl { get; private set; } = string.Empty;

    /// <summary>Gets the one-click sign-in address, <c>http://127.0.0.1:{port}/login?t={token}</c>. It contains the token: print it, never log it to files.</summary>
    public string LoginUrl => BrowserUrl + "login?t=" + Uri.EscapeDataString(BrowserToken);

    /// <summary>Gets the browser token (secret).</summary>
    public string BrowserToken { get; }

    /// <summary>Gets the OTLP/HTTP base address, e.g. <c>http://127.0.0.1:18889</c>; signals post to <c>/v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c>.</summary>
    public string OtlpEndpointUrl { get; private set; } = string.Empty;

    /// <summary>Gets the key senders must put in the <c>x-otlp-api-key</c> header (secret).</summary>
    public string OtlpApiKey { get; }

    /// <summary>Gets the telemetry received so far.</summary>
    public TelemetryStore Telemetry { get; }

    /// <summary>Starts the UI and the OTLP receiver and returns once both listen.</summary>
    /// <param name="options">Ports, credentials and limits.</param>
    /// <param name="resources">The orchestrator's view of the resources.</param>
    /// <param name="loggerFactory">Where the dashboard logs (ASP.NET Core's own categories only from Warning); null for silence.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running dashboard; dispose it to stop both servers.</returns>
    /// <exception cref="InvalidOperationException">A port is in use.</exception>
    public static async Task<DashboardServer> StartAsync(
        DashboardOptions options, IResourceSource resources, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRequestBodySize, 1);
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("Platform.Hosting.Dashboard");

        var browserToken = string.IsNullOrEmpty(options.BrowserToken) ? Secret.Generate() : options.BrowserToken;
        var otlpApiKey = string.IsNullOrEmpty(options.OtlpApiKey) ? Secret.Generate() : options.OtlpApiKey;
        var telemetry = new TelemetryStore(options.MaxLogRecords, options.MaxTraces, options.MaxMetricPointsPerResource);
        var resourceChanges = new ChangeNotifier();
        var assets = new StaticAssets();

        // The UI takes no large bodies: only the login form and command posts.
        var ui = LoopbackWebHost.CreateBuilder(options.Port, 64 * 1024, loggerFactory).Build();
        SecurityHeaders.Use(ui);
        new BrowserAuth(new Secret(browserToken), assets, logger).Map(ui);
        ui.MapGet("/", (HttpContext context) => assets.ServeAsync(context, "index.html"));
        ui.MapGet("/assets/{**path}", (HttpContext context, string path) => assets.ServeAsync(context, path));
        ui.MapGet("/api/info", () => Results.Json(new { applicationName = options.ApplicationName }));
        ResourceApi.Map(ui, resources, logger);
        TelemetryApi.Map(ui, telemetry);
        MetricsApi.Map(ui, telemetry);
        StreamApi.Map(ui, telemetry, resourceChanges, resources);

        var otlp = LoopbackWebHost.CreateBuilder(options.OtlpPort, options.MaxRequestBodySize, loggerFactory).Build();
        new OtlpReceiver(new OtlpIngestor(telemetry), new Secret(otlpApiKey), options.MaxRequestBodySize, logger).Map(otlp);

        var server = new DashboardServer(ui, otlp, telemetry, browserToken, otlpApiKey);
        try
        {
            var uiPort = await LoopbackWebHost.StartAsync(ui, "web UI", options.Port, cancellationToken);
            server.BrowserUrl = $"http://127.0.0.1:{uiPort}/";
            var otlpPort = await LoopbackWebHost.StartAsync(otlp, "OTLP receiver", options.OtlpPort, cancellationToken);
            server.OtlpEndpointUrl = $"http://127.0.0.1:{otlpPort}";
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        server._resourceWatch = WatchResourcesAsync(resources, resourceChanges, logger, server._stopping.Token);
        Log.DashboardStarted(logger, server.BrowserUrl);
        Log.OtlpStarted(logger, server.OtlpEndpointUrl);
        return server;
    }

    /// <summary>Stops both servers; live pages see their streams end.</summary>
    /// <returns>A task that completes when both servers have stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        await Task.WhenAll(StopAsync(_ui), StopAsync(_otlp), _resourceWatch);
        _stopping.Dispose();
    }

    private static async Task StopAsync(WebApplication app)
    {
        try
        {
            await app.StopAsync();
        }
        catch (OperationCanceledException)
        {
            // A host that never started has nothing to stop.
        }

        await app.DisposeAsync();
    }

    private static async Task WatchResourcesAsync(IResourceSource source, ChangeNotifier changes, ILogger logger, CancellationToken token)
    {
        // Yield first so a synchronous source cannot block StartAsync.
        await Task.Yield();
        while (!token.IsCancellationRequested)
        {
            try
            {
                await foreach (var unused in source.WatchResourcesAsync(token))
                {
                    changes.Notify();
                }

                return;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.ResourceWatchFailed(logger, ex);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
