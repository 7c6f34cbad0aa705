namespace Platform.Hosting.ApplicationModel;

/// <summary>One process of a resource.</summary>
/// <param name="Index">Zero-based replica index.</param>
/// <param name="InstanceId">The replica id, sent as <c>service.instance.id</c>; stable across restarts.</param>
/// <param name="State">One of <see cref="KnownResourceStates"/>.</param>
/// <param name="StateDetail">Why it is in that state, or null.</param>
/// <param name="ProcessId">The OS process id while running, else null.</param>
/// <param name="ExitCode">The last exit code, or null.</param>
/// <param name="StartedAt">When this replica last started, or null.</param>
/// <param name="HealthyAt">When this replica last became healthy, or null.</param>
/// <param name="RestartCount">How many times it was restarted after a crash.</param>
public sealed record ReplicaStatus(
    int Index,
    string InstanceId,
    string State,
    string? StateDetail,
    int? ProcessId,
    int? ExitCode,
    DateTimeOffset? StartedAt,
    DateTimeOffset? HealthyAt,
    int RestartCount);
