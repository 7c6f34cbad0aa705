using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Platform.Hosting.Dashboard.Resources;

namespace Platform.Hosting.Dashboard.Tests.Support;

/// <summary>An in-memory <see cref="IResourceSource"/>: a few running resources with console lines, recording the commands it receives.</summary>
public sealed class FakeResourceSource : IResourceSource
{
    private readonly Lock _lock = new();
    private readonly List<ResourceSnapshot> _resources;
    private readonly List<ConsoleLogLine> _console = [];
    private readonly List<Channel<ConsoleLogLine>> _consoleWatchers = [];
    private readonly List<Channel<ResourceSnapshot>> _resourceWatchers = [];

    public FakeResourceSource()
    {
        var started = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        _resources =
        [
            new("cache", "Redis", "Running", null, "Healthy", started, 0,
                [new ReplicaSnapshot(0, "cache-0", "Running", 4242, null, started, 0)],
                [new ResourceUrl("tcp", "tcp://127.0.0.1:6390", false)],
                [new EnvironmentVariableSnapshot("REDIS_PASSWORD", "hunter2-should-never-show", true)]),
            new("api", "Project", "Running", null, "Healthy", started, 1,
                [new ReplicaSnapshot(0, "api-0", "Running", 4300, null, started, 1)],
                [new ResourceUrl("http", "http://127.0.0.1:5123", true)],
                [new EnvironmentVariableSnapshot("ASPNETCORE_ENVIRONMENT", "Development", false), new EnvironmentVariableSnapshot("ConnectionStrings__cache", "••••••", true)]),
            new("silo", "Project", "Running", null, null, started, 0,
                [new ReplicaSnapshot(0, "silo-0", "Running", 4400, null, started, 0), new ReplicaSnapshot(1, "silo-1", "Running", 4401, null, started, 0)],
                [], []),
        ];
        WriteConsole("api", 0, "\u001b[32minfo\u001b[39m: Microsoft.Hosting.Lifetime[14] Now listening on: http://127.0.0.1:5123", false);
        WriteConsole("api", 0, "\u001b[1m\u001b[31mfail\u001b[0m: <script>alert('x')</script> boom", true);
        WriteConsole("silo", 1, "silo 1 joined the cluster", false);
    }

    public List<(string Resource, string Command, int? Replica)> Commands { get; } = [];

    public IReadOnlyList<ResourceSnapshot> GetResources()
    {
        lock (_lock)
        {
            return [.. _resources];
        }
    }

    public IReadOnlyList<ConsoleLogLine> GetConsoleLogs(string resourceName, int? replica = null)
    {
        lock (_lock)
        {
            return [.. _console.Where(l => l.Resource == resourceName && (replica is null || l.Replica == replica))];
        }
    }

    public void WriteConsole(string resource, int replica, string text, bool isError)
    {
        lock (_lock)
        {
            var line = new ConsoleLogLine(resource, replica, _console.Count(l => l.Resource == resource), DateTimeOffset.UtcNow, text, isError);
            _console.Add(line);
            foreach (var watcher in _consoleWatchers)
            {
                watcher.Writer.TryWrite(line);
            }
        }
    }

    public void SetState(string name, string state)
    {
        lock (_lock)
        {
            var index = _resources.FindIndex(r => r.Name == name);
            _resources[index] = _resources[index] with { State = state };
            foreach (var watcher in _resourceWatchers)
            {
                watcher.Writer.TryWrite(_resources[index]);
            }
        }
    }

    public async IAsyncEnumerable<ResourceSnapshot> WatchResourcesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ResourceSnapshot>();
        lock (_lock)
        {
            _resourceWatchers.Add(channel);
        }

        await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken))
        {
            yield return snapshot;
        }
    }

    public async IAsyncEnumerable<ConsoleLogLine> WatchConsoleLogsAsync(string resourceName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ConsoleLogLine>();
        lock (_lock)
        {
            _consoleWatchers.Add(channel);
        }

        await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken))
        {
            if (line.Resource == resourceName)
            {
                yield return line;
            }
        }
    }

    public Task ExecuteCommandAsync(string resourceName, string command, int? replica, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_resources.Any(r => r.Name == resourceName))
            {
                throw new ArgumentException($"No resource named '{resourceName}'.", nameof(resourceName));
            }

            Commands.Add((resourceName, command, replica));
        }

        SetState(resourceName, command == ResourceCommands.Stop ? "Stopped" : "Running");
        return Task.CompletedTask;
    }
}
