using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Platform.Hosting.ApplicationModel;

/// <summary>
/// The current state of every resource, a stream of changes, and waits on states: what tests, the console and
/// the dashboard read. The orchestrator is its only writer.
/// </summary>
public sealed class ResourceNotificationService
{
    private readonly Lock _lock = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, ResourceStatus> _current = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Channel<ResourceStatus>> _watchers = [];
    private readonly List<Waiter> _waiters = [];

    /// <summary>Returns the current state of every resource, in declaration order.</summary>
    public IReadOnlyList<ResourceStatus> GetResources()
    {
        lock (_lock)
        {
            return _order.Select(n => _current[n]).ToArray();
        }
    }

    /// <summary>Returns the current state of resource <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No resource has that name.</exception>
    public ResourceStatus GetResource(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_lock)
        {
            return _current.TryGetValue(name, out var status)
                ? status
                : throw new ArgumentException($"The app model has no resource named '{name}'.", nameof(name));
        }
    }

    /// <summary>Yields every resource's current state, then each new state as it is published, until cancelled.</summary>
    public async IAsyncEnumerable<ResourceStatus> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ResourceStatus>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            foreach (var name in _order)
            {
                channel.Writer.TryWrite(_current[name]);
            }

            _watchers.Add(channel);
        }

        try
        {
            await foreach (var status in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return status;
            }
        }
        finally
        {
            lock (_lock)
            {
                _watchers.Remove(channel);
            }
        }
    }

    /// <summary>Waits until resource <paramref name="name"/> satisfies <paramref name="predicate"/>, and returns that state.</summary>
    public async Task<ResourceStatus> WaitForResourceAsync(string name, Func<ResourceStatus, bool> predicate, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(predicate);
        var waiter = new Waiter(name, predicate);
        lock (_lock)
        {
            if (!_current.TryGetValue(name, out var status))
            {
                throw new ArgumentException($"The app model has no resource named '{name}'.", nameof(name));
            }

            if (predicate(status))
            {
                return status;
            }

            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Completion.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_lock)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Waits until resource <paramref name="name"/> is in state <paramref name="targetState"/> (one of <see cref="KnownResourceStates"/>).</summary>
    public Task<ResourceStatus> WaitForResourceAsync(string name, string targetState, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetState);
        return WaitForResourceAsync(name, s => s.State == targetState, cancellationToken);
    }

    /// <summary>Waits until resource <paramref name="name"/> runs and is healthy (resources without a health check are healthy once running).</summary>
    /// <exception cref="DistributedApplicationException">The resource failed to start; the message says why.</exception>
    public async Task<ResourceStatus> WaitForResourceHealthyAsync(string name, CancellationToken cancellationToken = default)
    {
        var status = await WaitForResourceAsync(name, s => s.State is KnownResourceStates.Healthy or KnownResourceStates.Failed, cancellationToken);
        return status.State == KnownResourceStates.Failed
            ? throw new DistributedApplicationException($"Resource '{name}' failed and will not become healthy: {status.StateDetail}")
            : status;
    }

    internal void Publish(ResourceStatus status)
    {
        List<Waiter>? completed = null;
        lock (_lock)
        {
            if (!_current.ContainsKey(status.Name))
            {
                _order.Add(status.Name);
            }

            _current[status.Name] = status;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(status);
            }

            foreach (var waiter in _waiters)
            {
                if (string.Equals(waiter.Name, status.Name, StringComparison.OrdinalIgnoreCase) && waiter.Predicate(status))
                {
                    (completed ??= []).Add(waiter);
                    waiter.Result = status;
                }
            }
        }

        // Completions run outside the lock: continuations may publish again.
        foreach (var waiter in completed ?? [])
        {
            waiter.Completion.TrySetResult(waiter.Result!);
        }
    }

    private sealed class Waiter(string name, Func<ResourceStatus, bool> predicate)
    {
        public string Name { get; } = name;

        public Func<ResourceStatus, bool> Predicate { get; } = predicate;

        public ResourceStatus? Result { get; set; }

        public TaskCompletionSource<ResourceStatus> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
