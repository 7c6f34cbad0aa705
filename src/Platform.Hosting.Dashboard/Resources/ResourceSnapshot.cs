namespace Platform.Hosting.Dashboard.Resources;

/// <summary>An immutable view of one resource at one moment.</summary>
/// <param name="Name">The resource name from the app model, e.g. <c>api</c>.</param>
/// <param name="Type">The resource type, e.g. <c>Project</c>, <c>Redis</c>, <c>Postgres</c>, <c>PostgresDatabase</c>, <c>Executable</c>, <c>Parameter</c>.</param>
/// <param name="State">The overall state: Starting, Running, Healthy, Unhealthy, Exited, Failed, Stopping, Stopped, Waiting, NotStarted.</param>
/// <param name="StateDetail">Why the resource is in its state (the exit code, the failure reason), or null.</param>
/// <param name="Health">Healthy, Unhealthy, or null when the resource has no health check.</param>
/// <param name="StartedAt">When the resource (its first replica) last started, or null.</param>
/// <param name="RestartCount">How many times the orchestrator restarted any replica.</param>
/// <param name="Replicas">One entry per replica (a single entry for resources without replicas).</param>
/// <param name="Urls">Endpoints a person can open or call.</param>
/// <param name="Environment">The environment the resource was started with; secret values are already masked.</param>
/// <param name="Parent">The parent resource's name (a database's server), or null.</param>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    string State,
    string? StateDetail,
    string? Health,
    DateTimeOffset? StartedAt,
    int RestartCount,
    IReadOnlyList<ReplicaSnapshot> Replicas,
    IReadOnlyList<ResourceUrl> Urls,
    IReadOnlyList<EnvironmentVariableSnapshot> Environment,
    string? Parent = null);

/// <summary>One running (or stopped) process of a resource.</summary>
/// <param name="Index">Zero-based replica index.</param>
/// <param name="InstanceId">The replica id, also sent as <c>service.instance.id</c> in telemetry.</param>
/// <param name="State">The replica's state, same vocabulary as <see cref="ResourceSnapshot.State"/>.</param>
/// <param name="ProcessId">The OS process id while running, else null.</param>
/// <param name="ExitCode">The last exit code, or null.</param>
/// <param name="StartedAt">When this replica last started, or null.</param>
/// <param name="RestartCount">How many times this replica was restarted.</param>
public sealed record ReplicaSnapshot(int Index, string InstanceId, string State, int? ProcessId, int? ExitCode, DateTimeOffset? StartedAt, int RestartCount);

/// <summary>An endpoint of a resource.</summary>
/// <param name="Name">The endpoint name, e.g. <c>http</c> or <c>tcp</c>.</param>
/// <param name="Url">The address, e.g. <c>http://127.0.0.1:5123</c>.</param>
/// <param name="IsExternal">True when the endpoint is meant to be reached from outside the app.</param>
public sealed record ResourceUrl(string Name, string Url, bool IsExternal);

/// <summary>One environment variable given to a resource.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="Value">The value, or a mask such as <c>••••••</c> when <paramref name="IsSecret"/> is true.</param>
/// <param name="IsSecret">True when the value was masked.</param>
public sealed record EnvironmentVariableSnapshot(string Name, string Value, bool IsSecret);

/// <summary>One line a resource's process wrote to stdout or stderr.</summary>
/// <param name="Resource">The resource name.</param>
/// <param name="Replica">The replica index.</param>
/// <param name="Sequence">A number that grows by one per line within the resource, so readers can resume.</param>
/// <param name="Timestamp">When the orchestrator read the line.</param>
/// <param name="Text">The line as written, ANSI escapes included.</param>
/// <param name="IsError">True when written to stderr.</param>
public sealed record ConsoleLogLine(string Resource, int Replica, long Sequence, DateTimeOffset Timestamp, string Text, bool IsError);
