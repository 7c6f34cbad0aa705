using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting;

/// <summary>The <c>WithX</c> methods every resource kind shares. Each replaces what an earlier call set, so calling one twice is harmless.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Sets environment variable <paramref name="name"/> to <paramref name="value"/>.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        return builder.WithEnvironment(name, () => value);
    }

    /// <summary>Sets environment variable <paramref name="name"/> to what <paramref name="value"/> returns at each start.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, Func<string> value)
        where T : IResourceWithEnvironment => builder.WithEnvironment(name, value, isSecret: false);

    /// <summary>
    /// Sets environment variable <paramref name="name"/> to what <paramref name="value"/> returns at each start, masked
    /// in the console and the dashboard when <paramref name="isSecret"/> is true.
    /// </summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, Func<string> value, bool isSecret)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        builder.Resource.Annotations.Replace(new EnvironmentAnnotation(name, value, isSecret), a => a.Name == name);
        return builder;
    }

    /// <summary>Sets environment variable <paramref name="name"/> to a parameter's value (masked when the parameter is secret).</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(parameter);
        var resource = parameter.Resource;
        builder.Resource.Annotations.Replace(new EnvironmentAnnotation(name, () => resource.Value, resource.Secret), a => a.Name == name);
        return builder;
    }

    /// <summary>Sets the command-line arguments of the resource's process.</summary>
    public static IResourceBuilder<T> WithArgs<T>(this IResourceBuilder<T> builder, params string[] args)
        where T : IResourceWithArgs
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(args);
        builder.Resource.Annotations.Replace(new CommandLineArgsAnnotation([.. args]));
        return builder;
    }

    /// <summary>
    /// Gives the resource <paramref name="source"/>'s connection string as <c>ConnectionStrings__{connectionName}</c>
    /// (the source's name by default). The resource starts after the source started; add <see cref="WaitFor{T}"/> to wait for it to be healthy.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source, string? connectionName = null)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        var target = source.Resource;
        builder.Resource.Annotations.Replace(new ResourceReferenceAnnotation(target, connectionName), a => ReferenceEquals(a.Resource, target));
        return builder;
    }

    /// <summary>
    /// Gives the resource <paramref name="source"/>'s endpoints as <c>services__{name}__{endpoint}__0</c>, so
    /// <c>http://{name}</c> resolves through service discovery.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithServiceDiscovery> source)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        var target = source.Resource;
        builder.Resource.Annotations.Replace(new ResourceReferenceAnnotation(target, null), a => ReferenceEquals(a.Resource, target));
        return builder;
    }

    /// <summary>Starts the resource only once <paramref name="dependency"/> is running and healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dependency);
        return builder.AddWait(dependency.Resource, WaitType.WaitUntilHealthy);
    }

    /// <summary>Starts the resource only once <paramref name="dependency"/> ran to completion with exit code 0 (a migration, a seed job).</summary>
    public static IResourceBuilder<T> WaitForCompletion<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dependency);
        return builder.AddWait(dependency.Resource, WaitType.WaitForCompletion);
    }

    /// <summary>
    /// Declares an HTTP endpoint. <paramref name="port"/> is what clients use, <paramref name="targetPort"/> what the process
    /// listens on; both are free ports when null. Projects receive their endpoints in <c>ASPNETCORE_URLS</c>; executables in
    /// <paramref name="env"/> when given.
    /// </summary>
    public static IResourceBuilder<T> WithHttpEndpoint<T>(this IResourceBuilder<T> builder, int? port = null, int? targetPort = null, string? name = null, string? env = null)
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (port is <= 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "A port is between 1 and 65535, or null for a free one.");
        }

        if (targetPort is <= 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(targetPort), targetPort, "A port is between 1 and 65535, or null for a free one.");
        }

        var endpointName = name ?? "http";
        var isExternal = builder.Resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == endpointName)?.IsExternal ?? false;
        builder.Resource.Annotations.Replace(new EndpointAnnotation(endpointName, "http", port, targetPort, env) { IsExternal = isExternal }, e => e.Name == endpointName);
        return builder;
    }

    /// <summary>Marks every HTTP endpoint of the resource as meant to be reached from outside the app.</summary>
    public static IResourceBuilder<T> WithExternalHttpEndpoints<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var endpoint in builder.Resource.Annotations.OfType<EndpointAnnotation>().Where(e => e.Scheme is "http" or "https"))
        {
            endpoint.IsExternal = true;
        }

        return builder;
    }

    /// <summary>Polls <paramref name="path"/> on each replica's HTTP endpoint; a 2xx answer makes it healthy.</summary>
    public static IResourceBuilder<T> WithHttpHealthCheck<T>(this IResourceBuilder<T> builder, string path = "/health", string? endpointName = null)
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"The health check path '{path}' must start with '/'.", nameof(path));
        }

        builder.Resource.Annotations.Replace(new HttpHealthCheckAnnotation(path, endpointName ?? "http"));
        return builder;
    }

    private static IResourceBuilder<T> AddWait<T>(this IResourceBuilder<T> builder, IResource dependency, WaitType waitType)
        where T : IResource
    {
        if (ReferenceEquals(dependency, builder.Resource))
        {
            throw new ArgumentException($"Resource '{builder.Resource.Name}' cannot wait for itself.", nameof(dependency));
        }

        builder.Resource.Annotations.Replace(new WaitAnnotation(dependency, waitType), a => ReferenceEquals(a.Resource, dependency));
        return builder;
    }
}
