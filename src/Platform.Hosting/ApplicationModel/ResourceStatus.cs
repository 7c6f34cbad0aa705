namespace Platform.Hosting.ApplicationModel;

/// <summary>An immutable view of one resource at one moment, published on every change.</summary>
/// <param name="Name">The resource name.</param>
/// <param name="Type">Project, Redis, Postgres, PostgresDatabase, Executable or Parameter.</param>
/// <param name="State">One of <see cref="KnownResourceStates"/>.</param>
/// <param name="StateDetail">Why it is in that state (exit code, failure reason), or null.</param>
/// <param name="Health">Healthy or Unhealthy while running, else null.</param>
/// <param name="StartedAt">When its first replica last started, or null.</param>
/// <param name="HealthyAt">When it last became healthy, or null.</param>
/// <param name="RestartCount">How many times the orchestrator restarted any replica after a crash.</param>
/// <param name="Replicas">One entry per replica; empty for resources without processes.</param>
/// <param name="Urls">The endpoints a person or a client can call.</param>
/// <param name="Environment">The environment of replica 0's last start, secrets masked.</param>
/// <param name="Parent">The parent resource's name (a database's server), or null.</param>
public sealed record ResourceStatus(
    string Name,
    string Type,
    string State,
    string? StateDetail,
    string? Health,
    DateTimeOffset? StartedAt,
    DateTimeOffset? HealthyAt,
    int RestartCount,
    IReadOnlyList<ReplicaStatus> Replicas,
    IReadOnlyList<ResourceEndpointUrl> Urls,
    IReadOnlyList<ResourceEnvironmentVariable> Environment,
    string? Parent);
