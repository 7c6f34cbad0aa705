using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Platform.Hosting.ApplicationModel;

/// <summary>
/// The console output of every replica, kept in a bounded ring buffer per replica (the newest
/// <see cref="Capacity"/> lines), with a live stream for followers such as the dashboard.
/// </summary>
public sealed class ResourceLoggerService
{
    /// <summary>How many lines each replica keeps.</summary>
    public const int Capacity = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, ResourceLog> _logs = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Returns the buffered lines of <paramref name="resourceName"/> (all replicas when <paramref name="replica"/> is null), oldest first.</summary>
    public IReadOnlyList<ResourceLogLine> GetLogs(string resourceName, int? replica = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceName);
        lock (_lock)
        {
            if (!_logs.TryGetValue(resourceName, out var log))
            {
                return [];
            }

            return log.Replicas
                .Where(kv => replica is null || kv.Key == replica)
                .SelectMany(kv => kv.Value)
                .OrderBy(l => l.Sequence)
                .ToArray();
        }
    }

    /// <summary>Yields the lines of <paramref name="resourceName"/> as they are written, until cancelled.</summary>
    public async IAsyncEnumerable<ResourceLogLine> WatchAsync(string resourceName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceName);
        var channel = Channel.CreateBounded<ResourceLogLine>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        ResourceLog log;
        lock (_lock)
        {
            log = GetOrAdd(resourceName);
            log.Watchers.Add(channel);
        }

        try
        {
            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return line;
            }
        }
        finally
        {
            lock (_lock)
            {
                log.Watchers.Remove(channel);
            }
        }
    }

    internal ResourceLogLine Write(string resourceName, int replica, string text, bool isError)
    {
        lock (_lock)
        {
            var log = GetOrAdd(resourceName);
            var line = new ResourceLogLine(resourceName, replica, ++log.Sequence, DateTimeOffset.UtcNow, text, isError);
            if (!log.Replicas.TryGetValue(replica, out var buffer))
            {
                buffer = new Queue<ResourceLogLine>();
                log.Replicas.Add(replica, buffer);
            }

            if (buffer.Count == Capacity)
            {
                buffer.Dequeue();
            }

            buffer.Enqueue(line);
            foreach (var watcher in log.Watchers)
            {
                watcher.Writer.TryWrite(line);
            }

            return line;
        }
    }

    private ResourceLog GetOrAdd(string resourceName)
    {
        if (!_logs.TryGetValue(resourceName, out var log))
        {
            log = new ResourceLog();
            _logs.Add(resourceName, log);
        }

        return log;
    }

    private sealed class ResourceLog
    {
        public long Sequence { get; set; }

        public SortedDictionary<int, Queue<ResourceLogLine>> Replicas { get; } = [];

        public List<Channel<ResourceLogLine>> Watchers { get; } = [];
    }
}
