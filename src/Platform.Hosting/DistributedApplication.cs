using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Orchestrator;

namespace Platform.Hosting;

/// <summary>
/// A built app model, ready to run its resources as local processes.
/// </summary>
/// <example>
/// <code>
/// var builder = DistributedApplication.CreateBuilder(args);
/// var cache = builder.AddRedis("cache");
/// builder.AddProject&lt;Projects.Api&gt;("api").WithReference(cache).WaitFor(cache);
/// builder.Build().Run();
/// </code>
/// </example>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly List<Action> _onDisposed = [];
    private int _started;
    private int _disposed;

    internal DistributedApplication(IHost host) => _host = host;

    /// <summary>The application's services, including <see cref="ResourceNotificationService"/>, <see cref="ResourceLoggerService"/> and <see cref="ResourceCommandService"/>.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The app model.</summary>
    public DistributedApplicationModel Model => Services.GetRequiredService<DistributedApplicationModel>();

    /// <summary>The state of every resource, and waits on it.</summary>
    public ResourceNotificationService ResourceNotifications => Services.GetRequiredService<ResourceNotificationService>();

    /// <summary>The console output of every replica.</summary>
    public ResourceLoggerService ResourceLogs => Services.GetRequiredService<ResourceLoggerService>();

    /// <summary>Start, stop, restart and kill commands.</summary>
    public ResourceCommandService ResourceCommands => Services.GetRequiredService<ResourceCommandService>();

    /// <summary>Creates a builder for an app model.</summary>
    /// <param name="args">The AppHost's command-line arguments.</param>
    public static IDistributedApplicationBuilder CreateBuilder(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return CreateBuilder(new DistributedApplicationOptions { Args = args });
    }

    /// <summary>Creates a builder for an app model with explicit options.</summary>
    public static IDistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DistributedApplicationBuilder(options, Assembly.GetEntryAssembly());
    }

    /// <summary>
    /// Builds the referenced projects and starts every resource in dependency order. Returns once all are
    /// handed to the orchestrator; use <see cref="ResourceNotifications"/> to wait for states.
    /// </summary>
    /// <exception cref="DistributedApplicationException">The model is invalid, a port is taken, or a project does not build.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        Interlocked.Exchange(ref _started, 1);
        await _host.StartAsync(cancellationToken);
    }

    /// <summary>Stops every resource in reverse dependency order, gracefully, then by SIGKILL after the stop timeout.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _host.StopAsync(cancellationToken);

    /// <summary>Starts, then runs until Ctrl+C or SIGTERM, then stops everything.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Exchange(ref _started, 1);
        try
        {
            await _host.StartAsync(cancellationToken);
        }
        catch (DistributedApplicationException)
        {
            // Already reported as one clear line; a stack trace would bury it.
            System.Environment.ExitCode = 1;
            await DisposeAsync();
            return;
        }

        await _host.WaitForShutdownAsync(cancellationToken);
        await DisposeAsync();
    }

    /// <summary>Starts, then runs until Ctrl+C or SIGTERM, then stops everything.</summary>
    public void Run() => RunAsync().GetAwaiter().GetResult();

    /// <summary>Stops everything still running and releases the application; no child process outlives it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (Volatile.Read(ref _started) != 0)
        {
            try
            {
                await _host.StopAsync();
            }
            finally
            {
                // Whatever a failed stop left behind dies here.
                await Services.GetRequiredService<ApplicationOrchestrator>().DisposeAsync();
            }
        }

        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }

        foreach (var callback in _onDisposed)
        {
            callback();
        }
    }

    // The testing builder deletes the test's folders once every process is gone.
    internal void OnDisposed(Action callback) => _onDisposed.Add(callback);
}
