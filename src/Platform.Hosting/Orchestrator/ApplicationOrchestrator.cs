using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Servers;

namespace Platform.Hosting.Orchestrator;

// Runs an app model: reap what a killed AppHost left, allocate ports, build projects once, start proxies,
// start every resource once its dependencies allow (independent ones in parallel), and stop them all in
// reverse dependency order.
internal sealed class ApplicationOrchestrator : IAsyncDisposable
{
    private readonly DistributedApplicationModel _model;
    private readonly DistributedApplicationOptions _options;
    private readonly IHostEnvironment _hostEnvironment;
    private readonly IConfiguration _configuration;
    private readonly ResourceNotificationService _notifications;
    private readonly ResourceLoggerService _logs;
    private readonly IEnumerable<IDistributedApplicationLifecycleHook> _hooks;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly List<TcpProxy> _proxies = [];
    private readonly List<Task> _runs = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private List<ResourceRuntime> _runtimes = [];
    private AppHostPaths? _paths;
    private PidFileStore? _pidFiles;
    private int _state;

    public ApplicationOrchestrator(
        DistributedApplicationModel model,
        DistributedApplicationOptions options,
        IHostEnvironment hostEnvironment,
        IConfiguration configuration,
        ResourceNotificationService notifications,
        ResourceLoggerService logs,
        IEnumerable<IDistributedApplicationLifecycleHook> hooks,
        ILogger<ApplicationOrchestrator> logger)
    {
        _model = model;
        _options = options;
        _hostEnvironment = hostEnvironment;
        _configuration = configuration;
        _notifications = notifications;
        _logs = logs;
        _hooks = hooks;
        _logger = logger;
    }

    /// <summary>Every resource is known (NotStarted) from the moment the app is built, so waits may begin before start.</summary>
    public static ResourceNotificationService CreateNotifications(DistributedApplicationModel model)
    {
        var notifications = new ResourceNotificationService();
        foreach (var resource in model.Resources)
        {
            notifications.Publish(new ResourceStatus(resource.Name, ResourceRuntime.TypeOf(resource), KnownResourceStates.NotStarted, null, null, null, null, 0, [], [], [], (resource as IResourceWithParent)?.Parent.Name));
        }

        return notifications;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            return;
        }

        try
        {
            foreach (var hook in _hooks)
            {
                await hook.BeforeStartAsync(_model, cancellationToken);
            }

            _options.OtlpEndpoint ??= _configuration["Platform:OtlpEndpoint"];
            _options.OtlpApiKey ??= _configuration["Platform:OtlpApiKey"];
            _paths = AppHostPaths.Create(_options);
            _pidFiles = new PidFileStore(_paths.StateRoot);
            await _pidFiles.ReapAsync((name, pid) => Log.ReapingOrphan(_logger, name, pid), cancellationToken);

            var context = new OrchestratorContext(_options, _hostEnvironment, _configuration, _paths, _logger);
            var runtimes = _model.Resources.Select(r => new ResourceRuntime(r, context, _pidFiles, _notifications, _logs)).ToList();
            _runtimes = DependencyGraph.Link(runtimes);
            foreach (var runtime in _runtimes)
            {
                runtime.Publish();
            }

            EndpointAllocator.Allocate(_runtimes, _options.RandomizePorts);
            foreach (var hook in _hooks)
            {
                await hook.AfterEndpointsAllocatedAsync(_model, cancellationToken);
            }

            await BuildProjectsAsync(cancellationToken);
            StartProxies();
            if (_options.EchoResourceOutput)
            {
                Console.Out.Write(ConsoleTable.Render(_runtimes, _options.DashboardUrl));
            }

            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
            foreach (var runtime in _runtimes)
            {
                _runs.Add(Task.Run(() => runtime.RunAsync(_lifetime.Token), CancellationToken.None));
            }

            foreach (var hook in _hooks)
            {
                await hook.AfterResourcesCreatedAsync(_model, cancellationToken);
            }
        }
        catch (DistributedApplicationException ex)
        {
            Log.StartFailed(_logger, ex.Message);
            await StopAsync(CancellationToken.None);
            throw;
        }
        catch
        {
            await StopAsync(CancellationToken.None);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 2, 1) != 1)
        {
            return;
        }

        await _lifetime.CancelAsync();
        Log.Stopping(_logger, _runtimes.Count);

        // Dependents first: a resource stops once everything that uses it has stopped.
        var stops = new Dictionary<ResourceRuntime, Task>();
        foreach (var runtime in Enumerable.Reverse(_runtimes))
        {
            var after = runtime.Dependents.Select(d => stops[d]).ToArray();
            stops[runtime] = StopAfterAsync(after, runtime);
        }

        await Task.WhenAll(stops.Values);
        await Task.WhenAll(_runs);
        foreach (var proxy in _proxies)
        {
            await proxy.DisposeAsync();
        }

        _proxies.Clear();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        _pidFiles?.DeleteRunDirectory();
        DeleteRunRoot();
    }

    public async Task ExecuteCommandAsync(string resourceName, string command, int? replica, CancellationToken cancellationToken)
    {
        var runtime = _runtimes.FirstOrDefault(r => string.Equals(r.Resource.Name, resourceName, StringComparison.OrdinalIgnoreCase))
                      ?? throw new ArgumentException($"The app model has no resource named '{resourceName}', or the application is not started.", nameof(resourceName));
        if (replica is { } index)
        {
            runtime.GetReplica(index);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            switch (command)
            {
                case KnownResourceCommands.Start:
                    await runtime.StartAsync(replica, cancellationToken);
                    break;
                case KnownResourceCommands.Stop:
                    await runtime.StopAsync(replica);
                    break;
                case KnownResourceCommands.Restart:
                    await runtime.StopAsync(replica);
                    await runtime.StartAsync(replica, cancellationToken);
                    break;
                case KnownResourceCommands.Kill:
                    await runtime.KillAsync(replica);
                    break;
                default:
                    throw new ArgumentException($"Unknown command '{command}'; use start, stop, restart or kill.", nameof(command));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        OnProcessExit(null, EventArgs.Empty);
        foreach (var replica in _runtimes.SelectMany(r => r.Replicas))
        {
            replica.Dispose();
        }

        _lifetime.Dispose();
    }

    private static async Task StopAfterAsync(Task[] dependents, ResourceRuntime runtime)
    {
        await Task.WhenAll(dependents);
        await runtime.StopAsync(replica: null);
    }

    private async Task BuildProjectsAsync(CancellationToken cancellationToken)
    {
        var projects = _runtimes.Where(r => r.Driver is ProjectDriver).ToList();
        if (projects.Count == 0)
        {
            return;
        }

        var paths = projects.Select(p => ((ProjectResource)p.Resource).ProjectPath).ToList();
        var configuration = _options.ProjectConfiguration ?? "Debug";
        Log.Building(_logger, string.Join(", ", paths.Select(Path.GetFileNameWithoutExtension).Distinct()), configuration);
        var built = await ProjectBuilder.BuildAsync(paths, configuration, Path.Combine(_paths!.RunRoot, "build"), cancellationToken);
        foreach (var project in projects)
        {
            ((ProjectDriver)project.Driver!).AssemblyPath = built[((ProjectResource)project.Resource).ProjectPath];
        }
    }

    private void StartProxies()
    {
        foreach (var runtime in _runtimes)
        {
            foreach (var endpoint in runtime.Resource.Annotations.OfType<EndpointAnnotation>().Where(e => e.IsProxied))
            {
                var ports = endpoint.ReplicaPorts;
                var replicas = runtime.Replicas;
                var proxy = new TcpProxy(endpoint.AllocatedPort!.Value, () =>
                {
                    var serving = ports.Where((_, i) => replicas[i].IsServing).ToArray();
                    return serving.Length > 0 ? serving : ports;
                });
                try
                {
                    proxy.Start();
                }
                catch (System.Net.Sockets.SocketException ex)
                {
                    throw new DistributedApplicationException($"Port {proxy.Port} for '{runtime.Resource.Name}' (endpoint '{endpoint.Name}') is already in use by another process: stop that process or choose another port.", ex);
                }

                _proxies.Add(proxy);
            }
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        foreach (var replica in _runtimes.SelectMany(r => r.Replicas))
        {
            replica.KillNow();
        }
    }

    private void DeleteRunRoot()
    {
        if (_paths is null || !Directory.Exists(_paths.RunRoot))
        {
            return;
        }

        try
        {
            Directory.Delete(_paths.RunRoot, recursive: true);
        }
        catch (IOException)
        {
            // A straggler still writing there; the folder is in temp, the OS cleans it eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
