using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting.Testing;

/// <summary>What a test does with a running application: clients, connection strings, waits and fault injection.</summary>
public static class DistributedApplicationTestingExtensions
{
    /// <summary>Returns an <see cref="HttpClient"/> whose base address is the resource's endpoint (the proxy when it has replicas).</summary>
    /// <exception cref="ArgumentException">The resource has no such endpoint, or it is not allocated (start the app first).</exception>
    public static HttpClient CreateHttpClient(this DistributedApplication app, string resourceName, string? endpointName = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceName);
        var resource = app.Model.GetResource(resourceName);
        var endpoint = resource.Annotations.OfType<EndpointAnnotation>()
                           .FirstOrDefault(e => endpointName is null ? e.Scheme is "http" or "https" : e.Name == endpointName)
                       ?? throw new ArgumentException($"Resource '{resourceName}' has no {(endpointName is null ? "HTTP" : $"'{endpointName}'")} endpoint.", nameof(endpointName));
        var url = endpoint.Url ?? throw new ArgumentException($"The endpoint '{endpoint.Name}' of '{resourceName}' has no port yet: call StartAsync first.", nameof(resourceName));
        return new HttpClient { BaseAddress = new Uri(url) };
    }

    /// <summary>Returns the connection string a resource referencing <paramref name="resourceName"/> receives.</summary>
    /// <exception cref="ArgumentException">The resource has no connection string, or it is not allocated yet.</exception>
    public static Task<string> GetConnectionStringAsync(this DistributedApplication app, string resourceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceName);
        cancellationToken.ThrowIfCancellationRequested();
        var resource = app.Model.GetResource(resourceName) as IResourceWithConnectionString
                       ?? throw new ArgumentException($"Resource '{resourceName}' has no connection string.", nameof(resourceName));
        return Task.FromResult(resource.GetConnectionString()
                               ?? throw new ArgumentException($"Resource '{resourceName}' has no port yet: call StartAsync first.", nameof(resourceName)));
    }

    /// <summary>Waits until the resource runs and is healthy; throws if it fails.</summary>
    public static Task<ResourceStatus> WaitForResourceHealthyAsync(this DistributedApplication app, string resourceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ResourceNotifications.WaitForResourceHealthyAsync(resourceName, cancellationToken);
    }

    /// <summary>Fault injection: SIGKILLs the resource's process (one replica, or all); the orchestrator restarts it as after a crash.</summary>
    public static Task KillAsync(this DistributedApplication app, string resourceName, int? replica = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ResourceCommands.ExecuteAsync(resourceName, KnownResourceCommands.Kill, replica, cancellationToken);
    }

    /// <summary>Stops the resource gracefully (one replica, or all); it stays stopped until started.</summary>
    public static Task StopAsync(this DistributedApplication app, string resourceName, int? replica = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ResourceCommands.ExecuteAsync(resourceName, KnownResourceCommands.Stop, replica, cancellationToken);
    }

    /// <summary>Starts a stopped resource (one replica, or all).</summary>
    public static Task StartAsync(this DistributedApplication app, string resourceName, int? replica = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ResourceCommands.ExecuteAsync(resourceName, KnownResourceCommands.Start, replica, cancellationToken);
    }

    /// <summary>Stops, then starts the resource (one replica, or all).</summary>
    public static Task RestartAsync(this DistributedApplication app, string resourceName, int? replica = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ResourceCommands.ExecuteAsync(resourceName, KnownResourceCommands.Restart, replica, cancellationToken);
    }
}
