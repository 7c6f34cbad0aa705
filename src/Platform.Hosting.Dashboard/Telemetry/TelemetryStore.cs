namespace Platform.Hosting.Dashboard.Telemetry;

/// <summary>
/// The dashboard's bounded in-memory telemetry: log records, traces and metric points, oldest evicted first.
/// Thread safe: the OTLP receiver writes while pages read.
/// </summary>
public sealed partial class TelemetryStore
{
    private readonly Lock _resourcesLock = new();
    private readonly Dictionary<string, TelemetryResource> _resources = new(StringComparer.Ordinal);
    private readonly ChangeNotifier _changes = new();

    /// <summary>Initializes a new instance of the <see cref="TelemetryStore"/> class.</summary>
    /// <param name="maxLogRecords">How many log records to keep.</param>
    /// <param name="maxTraces">How many traces to keep; a trace is evicted with all its spans.</param>
    /// <param name="maxMetricPointsPerResource">How many metric points to keep per resource, across its instruments.</param>
    public TelemetryStore(int maxLogRecords, int maxTraces, int maxMetricPointsPerResource)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLogRecords, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTraces, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMetricPointsPerResource, 1);
        MaxLogRecords = maxLogRecords;
        MaxTraces = maxTraces;
        MaxMetricPointsPerResource = maxMetricPointsPerResource;
    }

    /// <summary>Gets how many log records are kept.</summary>
    public int MaxLogRecords { get; }

    /// <summary>Gets how many traces are kept.</summary>
    public int MaxTraces { get; }

    /// <summary>Gets how many metric points are kept per resource.</summary>
    public int MaxMetricPointsPerResource { get; }

    /// <summary>Gets a number that grows each time anything is added or evicted.</summary>
    public long Version => _changes.Version;

    /// <summary>Completes when <see cref="Version"/> no longer equals <paramref name="knownVersion"/>.</summary>
    /// <param name="knownVersion">The version the caller has seen.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>A task that completes on the next change.</returns>
    public Task WaitForChangeAsync(long knownVersion, CancellationToken cancellationToken) => _changes.WaitAsync(knownVersion, cancellationToken);

    /// <summary>Returns every resource that has sent telemetry, ordered by name then instance id.</summary>
    /// <returns>The resources.</returns>
    public IReadOnlyList<TelemetryResource> GetResources()
    {
        lock (_resourcesLock)
        {
            return [.. _resources.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.InstanceId, StringComparer.Ordinal)];
        }
    }

    /// <summary>Returns the known resource with these identifying attributes, or records it.</summary>
    internal TelemetryResource GetOrAddResource(string name, string? instanceId, IReadOnlyList<TelemetryTag> attributes)
    {
        var candidate = new TelemetryResource(name, instanceId, attributes);
        lock (_resourcesLock)
        {
            if (_resources.TryGetValue(candidate.Key, out var known))
            {
                return known;
            }

            // Bounded like everything else: a sender inventing instance ids cannot grow this without limit.
            if (_resources.Count >= MaxResources)
            {
                return candidate;
            }

            _resources.Add(candidate.Key, candidate);
            return candidate;
        }
    }

    private const int MaxResources = 1000;
}
