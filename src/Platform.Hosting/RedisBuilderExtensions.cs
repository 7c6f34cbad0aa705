using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting;

/// <summary>Adds Redis servers to the app model.</summary>
public static class RedisBuilderExtensions
{
    /// <summary>
    /// Adds a Redis server run from the OS's <c>redis-server</c> on 127.0.0.1 with a generated password
    /// (configuration <c>Parameters:{name}-password</c> overrides it). Healthy once it answers AUTH and PING.
    /// </summary>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var redis = new RedisResource(name, ParameterResourceBuilderExtensions.CreateGeneratedPassword(builder, $"{name}-password"));
        redis.Annotations.Add(new EndpointAnnotation(RedisResource.PrimaryEndpointName, "tcp", port));
        return builder.AddResource(redis);
    }

    /// <summary>Keeps Redis's data (append-only file) and its password in a persistent folder that survives restarts.</summary>
    public static IResourceBuilder<RedisResource> WithDataVolume(this IResourceBuilder<RedisResource> builder, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Annotations.Replace(new DataVolumeAnnotation(name ?? builder.Resource.Name));
        return builder;
    }
}
