using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Servers;

namespace Aspire.Hosting;

/// <summary>Adds Redis to the app model as a local process, with no container engine.</summary>
public static class LocalRedisBuilderExtensions
{
    /// <summary>
    /// Adds a Redis server. When the AppHost runs, it is the OS's <c>redis-server</c> on 127.0.0.1, on a free port, with
    /// the generated password <c>Parameters:{name}-password</c> (kept in the AppHost's user secrets), healthy once it
    /// answers AUTH and PING. It keeps an append-only file in the run's folder (deleted when the AppHost stops), so a
    /// restart of Redis alone, after a crash or from the dashboard, keeps what it held: Orleans' cluster membership may
    /// live there, and silos that find themselves missing from it stop. A missing <c>redis-server</c> is installed with apt-get when the
    /// AppHost may (root, or sudo without a password); otherwise the resource fails naming the package.
    /// When publishing, or with <c>LocalServers:UseContainers=true</c>, it is Aspire's own Redis container instead.
    /// </summary>
    /// <param name="builder">The AppHost's builder.</param>
    /// <param name="name">The resource name, which is also the connection string's name.</param>
    /// <returns>The resource, with a connection string in the format of Aspire's Redis resource: <c>{host}:{port},password={password}</c>.</returns>
    /// <example>
    /// <code>
    /// var redis = builder.AddLocalRedis("redis");
    /// builder.AddProject&lt;Projects.Api&gt;("api").WithReference(redis).WaitFor(redis);
    /// </code>
    /// </example>
    public static IResourceBuilder<IResourceWithConnectionString> AddLocalRedis(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (LocalServers.UseContainers(builder))
        {
            var container = builder.AddRedis(name);
            // Published, the endpoint's scheme is plain "tcp": azd maps only tcp, http and https bindings to Container Apps
            // and rejects Aspire's "redis" scheme. The connection string (host:port,password=…) does not use the scheme.
            return builder.ExecutionContext.IsPublishMode
                ? container.WithEndpoint("tcp", endpoint => endpoint.UriScheme = "tcp")
                : container;
        }

        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var redisServer = LocalServers.TryEnsureBinary(RedisRecipe.Binary, RedisRecipe.Package);
        var workingDirectory = LocalServers.RunDirectory(builder, name);
        var resource = new LocalRedisResource(name, redisServer ?? RedisRecipe.Binary, workingDirectory, password);
        var port = FreePort.Next();
        var configFile = Path.Combine(workingDirectory, "redis.conf");

        var healthCheckKey = LocalServers.AddReadinessCheck(
            builder,
            name,
            async cancellationToken => await RedisRecipe.PingAsync(port, await password.GetValueAsync(cancellationToken) ?? "", cancellationToken),
            $"redis-server on 127.0.0.1:{port} does not answer AUTH and PING yet");

        return builder.AddResource(resource)
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: LocalRedisResource.PrimaryEndpointName, isProxied: false)
            .OnBeforeResourceStarted(async (redis, _, cancellationToken) =>
            {
                if (redisServer is null)
                {
                    throw new MissingBinaryException(RedisRecipe.Binary, RedisRecipe.Package);
                }

                Directory.CreateDirectory(workingDirectory);
                // The password goes into a private config file (redis.conf in the working folder), never onto the command line.
                RedisRecipe.CreateCommand(redisServer, port, await password.GetValueAsync(cancellationToken) ?? "", workingDirectory, persistent: true);
            })
            .WithArgs(configFile)
            .WithHealthCheck(healthCheckKey)
            .WithIconName("Database");
    }
}
