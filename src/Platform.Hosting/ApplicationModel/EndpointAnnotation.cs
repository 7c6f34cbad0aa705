namespace Platform.Hosting.ApplicationModel;

/// <summary>
/// A network endpoint of a resource. Every endpoint binds 127.0.0.1; ports left null are chosen free at start.
/// With several replicas each replica listens on a port of its own and <see cref="AllocatedPort"/> is a
/// round-robin proxy in front of them, so clients see one stable address.
/// </summary>
public sealed class EndpointAnnotation : IResourceAnnotation
{
    /// <summary>Creates an endpoint.</summary>
    /// <param name="name">The endpoint name, e.g. <c>http</c> or <c>tcp</c>.</param>
    /// <param name="scheme">The URL scheme, e.g. <c>http</c> or <c>tcp</c>.</param>
    /// <param name="port">The port clients use, or null for a free one.</param>
    /// <param name="targetPort">The port the process listens on, or null for a free one.</param>
    /// <param name="targetPortEnvironmentVariable">A variable that receives the target port (for executables), or null.</param>
    public EndpointAnnotation(string name, string scheme, int? port = null, int? targetPort = null, string? targetPortEnvironmentVariable = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(scheme);
        Name = name;
        Scheme = scheme;
        Port = port;
        TargetPort = targetPort;
        TargetPortEnvironmentVariable = targetPortEnvironmentVariable;
    }

    /// <summary>The endpoint name, unique within the resource.</summary>
    public string Name { get; }

    /// <summary>The URL scheme.</summary>
    public string Scheme { get; }

    /// <summary>The requested client-facing port, or null for a free one.</summary>
    public int? Port { get; }

    /// <summary>The requested listening port, or null for a free one.</summary>
    public int? TargetPort { get; }

    /// <summary>The environment variable that receives the listening port, or null.</summary>
    public string? TargetPortEnvironmentVariable { get; }

    /// <summary>True when the endpoint is meant to be reached from outside the app (shown first in the table).</summary>
    public bool IsExternal { get; internal set; }

    /// <summary>The port clients use, once the orchestrator allocated it.</summary>
    public int? AllocatedPort { get; internal set; }

    /// <summary>The port each replica listens on, once allocated (index = replica index).</summary>
    public IReadOnlyList<int> ReplicaPorts { get; internal set; } = [];

    /// <summary>True when a proxy listens on <see cref="AllocatedPort"/> in front of the replicas.</summary>
    public bool IsProxied { get; internal set; }

    /// <summary>The client-facing URL, e.g. <c>http://127.0.0.1:5123</c>, or null before allocation.</summary>
    public string? Url => AllocatedPort is { } port ? FormattableString.Invariant($"{Scheme}://127.0.0.1:{port}") : null;
}
