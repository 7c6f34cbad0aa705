using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Servers;

namespace Platform.Hosting.Orchestrator;

// The orchestrator's live view of one resource: its replicas (process kinds), its dependencies, and the
// aggregate state it publishes to ResourceNotificationService on every change.
internal sealed class ResourceRuntime
{
    private static readonly string[] Precedence =
    [
        KnownResourceStates.Failed, KnownResourceStates.Stopping, KnownResourceStates.Waiting, KnownResourceStates.Starting,
        KnownResourceStates.Exited, KnownResourceStates.Unhealthy, KnownResourceStates.Stopped, KnownResourceStates.Running,
        KnownResourceStates.Healthy, KnownResourceStates.NotStarted,
    ];

    private readonly Lock _gate = new();
    private readonly ResourceNotificationService _notifications;
    private readonly ResourceLoggerService _logs;
    private readonly OrchestratorContext _context;
    private string? _override = KnownResourceStates.NotStarted;
    private string? _overrideDetail;
    private string _lastState = KnownResourceStates.NotStarted;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _healthyAt;
    private bool _prepared;

    public ResourceRuntime(IResource resource, OrchestratorContext context, PidFileStore pidFiles, ResourceNotificationService notifications, ResourceLoggerService logs)
    {
        Resource = resource;
        _context = context;
        PidFiles = pidFiles;
        _notifications = notifications;
        _logs = logs;
        Type = TypeOf(resource);
        Driver = resource switch
        {
            ProjectResource p => new ProjectDriver(p, this, context),
            ExecutableResource e => new ExecutableDriver(e, this, context),
            RedisResource r => new RedisDriver(r, context),
            PostgresServerResource s => new PostgresDriver(s, context),
            PostgresDatabaseResource or ParameterResource => null,
            _ => throw new DistributedApplicationException($"Resource '{resource.Name}' is of a kind the orchestrator cannot run ({resource.GetType().Name})."),
        };
        var replicas = Driver is null ? 0 : resource is ProjectResource ? resource.Annotations.Find<ReplicaAnnotation>()?.Replicas ?? 1 : 1;
        Replicas = [.. Enumerable.Range(0, replicas).Select(i => new ReplicaRunner(this, i, Driver!, context))];
    }

    public IResource Resource { get; }

    public string Type { get; }

    public IProcessDriver? Driver { get; }

    public IReadOnlyList<ReplicaRunner> Replicas { get; }

    public PidFileStore PidFiles { get; }

    /// <summary>What this resource waits for before it starts: WaitFor edges, references (started), its parent (healthy).</summary>
    public List<(ResourceRuntime Resource, DependencyKind Kind)> Dependencies { get; } = [];

    /// <summary>Resources that depend on this one; they are stopped before it.</summary>
    public List<ResourceRuntime> Dependents { get; } = [];

    /// <summary>The type name shown in the table and the dashboard.</summary>
    public static string TypeOf(IResource resource) => resource switch
    {
        ProjectResource => "Project",
        ExecutableResource => "Executable",
        RedisResource => "Redis",
        PostgresServerResource => "Postgres",
        PostgresDatabaseResource => "PostgresDatabase",
        ParameterResource => "Parameter",
        _ => resource.GetType().Name,
    };

    public string DisplayName(int replica) => Replicas.Count > 1 ? $"{Resource.Name}-{replica}" : Resource.Name;

    public void Update(Action mutate)
    {
        lock (_gate)
        {
            mutate();
            PublishLocked();
        }
    }

    public void Publish() => Update(() => { });

    public void WriteLog(int replica, string text, bool isError)
    {
        _logs.Write(Resource.Name, replica, text, isError);
        if (_context.Options.EchoResourceOutput)
        {
            (isError ? Console.Error : Console.Out).WriteLine($"[{DisplayName(replica)}] {text}");
        }
    }

    public IReadOnlyList<string> LastLogLines(int count)
        => [.. _logs.GetLogs(Resource.Name).TakeLast(count).Select(l => $"[{DisplayName(l.Replica)}] {l.Text}")];

    public Task WaitForReplicaAsync(int index, Func<ReplicaStatus, bool> predicate)
        => _notifications.WaitForResourceAsync(Resource.Name, s => s.Replicas.Count > index && predicate(s.Replicas[index]));

    /// <summary>The start path at application start: wait for dependencies, then start.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await WaitForDependenciesAsync(cancellationToken))
            {
                await StartAsync(replica: null, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async Task StartAsync(int? replica, CancellationToken cancellationToken)
    {
        try
        {
            switch (Resource)
            {
                case ParameterResource parameter:
                    _ = parameter.Value;
                    SetOverride(KnownResourceStates.Healthy, null, started: true);
                    break;
                case PostgresDatabaseResource database:
                    SetOverride(KnownResourceStates.Starting, null);
                    await _notifications.WaitForResourceHealthyAsync(database.Server.Name, cancellationToken);
                    await PostgresRecipe.CreateDatabaseAsync(database.Server.GetConnectionString()!, database.DatabaseName, cancellationToken);
                    SetOverride(KnownResourceStates.Healthy, null, started: true);
                    break;
                default:
                    if (!_prepared)
                    {
                        SetOverride(KnownResourceStates.Starting, null);
                        await Driver!.PrepareAsync(cancellationToken);
                        _prepared = true;
                    }

                    SetOverride(null, null);
                    foreach (var runner in Replicas.Where(r => replica is null || r.Index == replica))
                    {
                        runner.Start();
                    }

                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var reason = ex is DistributedApplicationException or MissingBinaryException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            SetOverride(KnownResourceStates.Failed, reason);
            Log.ResourceFailed(_context.Logger, Resource.Name, reason);
        }
    }

    public async Task StopAsync(int? replica)
    {
        if (Replicas.Count == 0)
        {
            if (_override != KnownResourceStates.Failed)
            {
                SetOverride(KnownResourceStates.Stopped, null);
            }

            return;
        }

        await Task.WhenAll(Replicas.Where(r => replica is null || r.Index == replica).Select(r => r.StopAsync()));
        lock (_gate)
        {
            // Never started (still waiting, or cancelled while preparing): show it stopped rather than stuck.
            if (_override is KnownResourceStates.Waiting or KnownResourceStates.NotStarted or KnownResourceStates.Starting)
            {
                _override = KnownResourceStates.Stopped;
                _overrideDetail = null;
            }

            PublishLocked();
        }
    }

    public Task KillAsync(int? replica)
        => Task.WhenAll(Replicas.Where(r => replica is null || r.Index == replica).Select(r => r.KillAsync()));

    public ReplicaRunner GetReplica(int index)
        => index >= 0 && index < Replicas.Count
            ? Replicas[index]
            : throw new ArgumentException($"Resource '{Resource.Name}' has {Replicas.Count} replica(s); there is no replica {index}.", nameof(index));

    private async Task<bool> WaitForDependenciesAsync(CancellationToken cancellationToken)
    {
        if (Dependencies.Count == 0)
        {
            return true;
        }

        SetOverride(KnownResourceStates.Waiting, "waiting for " + string.Join(", ", Dependencies.Select(d => d.Resource.Resource.Name)));
        foreach (var (dependency, kind) in Dependencies)
        {
            var wait = _notifications.WaitForResourceAsync(dependency.Resource.Name, s => IsSatisfied(s, kind) || s.State == KnownResourceStates.Failed, cancellationToken);
            if (await Task.WhenAny(wait, Task.Delay(_context.Options.DependencyWarningDelay, cancellationToken)) != wait)
            {
                var current = _notifications.GetResource(dependency.Resource.Name);
                var lines = dependency.LastLogLines(10);
                Log.StillWaiting(_context.Logger, Resource.Name, dependency.Resource.Name, current.State,
                    lines.Count == 0 ? "(no output)" : Environment.NewLine + string.Join(Environment.NewLine, lines));
            }

            var status = await wait;
            if (status.State == KnownResourceStates.Failed)
            {
                var reason = $"dependency '{dependency.Resource.Name}' failed: {status.StateDetail}";
                SetOverride(KnownResourceStates.Failed, reason);
                Log.ResourceFailed(_context.Logger, Resource.Name, reason);
                return false;
            }
        }

        return true;
    }

    private static bool IsSatisfied(ResourceStatus status, DependencyKind kind) => kind switch
    {
        DependencyKind.Healthy => status.State == KnownResourceStates.Healthy,
        DependencyKind.Completed => status.Replicas.Count > 0 && status.Replicas.All(r => r.State == KnownResourceStates.Exited && r.ExitCode == 0),
        _ => status.State is KnownResourceStates.Running or KnownResourceStates.Healthy or KnownResourceStates.Unhealthy or KnownResourceStates.Exited,
    };

    private void SetOverride(string? state, string? detail, bool started = false)
    {
        lock (_gate)
        {
            _override = state;
            _overrideDetail = detail;
            if (started)
            {
                _startedAt = DateTimeOffset.UtcNow;
            }

            PublishLocked();
        }
    }

    private void PublishLocked()
    {
        string state;
        string? detail;
        if (_override is not null || Replicas.Count == 0)
        {
            state = _override ?? KnownResourceStates.NotStarted;
            detail = _overrideDetail;
        }
        else
        {
            var states = Replicas.Select(r => r.State).Distinct().ToList();
            state = states.Count == 1 ? states[0] : Precedence.First(states.Contains);
            detail = Replicas.FirstOrDefault(r => r.State == state)?.StateDetail;
        }

        if (state == KnownResourceStates.Healthy && _lastState != KnownResourceStates.Healthy)
        {
            _healthyAt = DateTimeOffset.UtcNow;
            if (Resource is not ParameterResource)
            {
                Log.Healthy(_context.Logger, Resource.Name);
            }
        }

        _lastState = state;
        var launch = Replicas.Count > 0 ? Replicas[0].LastLaunch : null;
        _notifications.Publish(new ResourceStatus(
            Resource.Name,
            Type,
            state,
            detail,
            state switch
            {
                KnownResourceStates.Healthy => "Healthy",
                KnownResourceStates.Unhealthy => "Unhealthy",
                _ => null,
            },
            Replicas.Count > 0 ? Replicas.Min(r => r.StartedAt) : _startedAt,
            _healthyAt,
            Replicas.Sum(r => r.RestartCount),
            [.. Replicas.Select(r => new ReplicaStatus(r.Index, r.InstanceId, r.State, r.StateDetail, r.ProcessId, r.ExitCode, r.StartedAt, r.HealthyAt, r.RestartCount))],
            [.. Resource.Annotations.OfType<EndpointAnnotation>().Where(e => e.Url is not null).Select(e => new ResourceEndpointUrl(e.Name, e.Url!, e.IsExternal))],
            launch is null
                ? []
                : [.. launch.Environment.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => launch.SecretNames.Contains(kv.Key)
                    ? new ResourceEnvironmentVariable(kv.Key, ResourceEnvironmentVariable.Mask, true)
                    : new ResourceEnvironmentVariable(kv.Key, kv.Value, false))],
            (Resource as IResourceWithParent)?.Parent.Name));
    }
}
