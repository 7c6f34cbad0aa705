using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using Platform.Orleans.Security;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The platform's Orleans silos and clients: everything comes from the configuration Aspire's <c>AddOrleans</c> writes
/// (<c>Orleans:ClusterId</c>, <c>Orleans:Clustering:*</c>, <c>Orleans:GrainStorage:*</c>, <c>Orleans:Endpoints:*</c>), and
/// this adds what Orleans' defaults lack for the platform: a killed silo's grains serving again within seconds, TLS on
/// every link pinned to the cluster certificate (<c>Orleans:Tls:Certificate</c>), the Redis connection its clustering
/// provider resolves by service key, and Orleans' traces and metrics in OpenTelemetry.
/// </summary>
public static class OrleansDefaults
{
    /// <summary>The span sources of Orleans: grain calls on both ends, and the application's own calls.</summary>
    public static readonly string[] ActivitySources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>The meter of Orleans' runtime metrics (activations, messages, membership).</summary>
    public const string Meter = "Microsoft.Orleans";

    /// <summary>
    /// How long a call may wait for its answer, for silos and clients alike. Orleans' default is 30 s: a call in flight
    /// to a silo that was killed waits all of it. A bank operation takes milliseconds; a caller that gets no answer in
    /// this time is told to retry (503) with its idempotency key, which is safe, instead of hanging.
    /// </summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Runs this process as a silo of the cluster Aspire describes, with <see cref="ConfigureFailover"/>'s settings.
    /// <paramref name="configure"/> adds the application's grains and services.
    /// </summary>
    /// <param name="builder">The host's builder.</param>
    /// <param name="configure">Adds the application's parts to the silo.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static IHostApplicationBuilder AddPlatformSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddClusteringRedis();
        builder.AddOrleansTelemetry();
        builder.Services.Configure<ExceptionSerializationOptions>(SerializeDriverExceptions);
        builder.UseOrleans(silo =>
        {
            ConfigureFailover(silo);
            silo.UseClusterTls(builder.Configuration);
            // The Orleans dashboard's data: a client that maps MapOrleansDashboard serves it.
            silo.AddDashboard();
            configure?.Invoke(silo);
        });
        return builder;
    }

    /// <summary>
    /// Makes this process a client of the cluster Aspire describes (clustering keys only), whose calls time out after
    /// <see cref="ResponseTimeout"/> instead of Orleans' 30 s, and which can serve the Orleans dashboard
    /// (<c>MapOrleansDashboard</c>; put it behind authorization).
    /// </summary>
    /// <param name="builder">The host's builder.</param>
    /// <param name="configure">Further client settings.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static IHostApplicationBuilder AddPlatformClusterClient(this IHostApplicationBuilder builder, Action<IClientBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddClusteringRedis();
        builder.AddOrleansTelemetry();
        builder.Services.Configure<ExceptionSerializationOptions>(SerializeDriverExceptions);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
            // The gateway list comes from the membership table; Orleans reads it every 30 s by default, so a client would
            // keep trying a dead gateway, or ignore a new one, for that long.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
            client.UseClusterTls(builder.Configuration);
            client.AddDashboard();
            configure?.Invoke(client);
        });
        return builder;
    }

    /// <summary>
    /// The settings behind "a killed silo's grains serve again within seconds", measured with real processes (see
    /// docs/cluster-settings.md). A silo is declared dead after two missed 1 s probes from two peers, instead of three
    /// missed 5 s probes. The grain directory hands a dead silo's directory range to a survivor at once instead of after
    /// a lease: the lease only narrows a window in which one grain might be activated twice, and the bank's grain
    /// storage rejects any write not based on the latest stored version (ETags), so a second activation cannot
    /// overwrite an acknowledged change; it fails and is deactivated.
    /// </summary>
    /// <param name="silo">The silo.</param>
    public static void ConfigureFailover(ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 2;
        });
        silo.Configure<GrainDirectoryOptions>(o => o.RangeLeaseDuration = TimeSpan.Zero);
        silo.Configure<SiloMessagingOptions>(o =>
        {
            o.ResponseTimeout = ResponseTimeout;
            o.SystemResponseTimeout = ResponseTimeout;
        });
    }

    /// <summary>
    /// Registers the Redis connection that Orleans' Redis clustering provider resolves by its service key
    /// (<c>Orleans:Clustering:ServiceKey</c>, the Redis resource's name), through Aspire's Redis client, when the
    /// clustering provider is Redis. It fails fast while Redis is away and carries no health check: the cluster keeps
    /// serving on the membership it knows while Redis is down, so a Redis outage must not mark the process unhealthy.
    /// The same connection is also the process's unkeyed <see cref="IConnectionMultiplexer"/>.
    /// </summary>
    /// <param name="builder">The host's builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static IHostApplicationBuilder AddClusteringRedis(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var clustering = builder.Configuration.GetSection("Orleans:Clustering");
        if (!string.Equals(clustering["ProviderType"], "Redis", StringComparison.OrdinalIgnoreCase)
            || clustering["ServiceKey"] is not { Length: > 0 } serviceKey
            || builder.Services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, serviceKey) && d.ServiceType == typeof(IConnectionMultiplexer)))
        {
            return builder;
        }

        builder.AddKeyedRedisClient(
            serviceKey,
            settings => settings.DisableHealthChecks = true,
            options =>
            {
                options.AbortOnConnectFail = false;
                options.ConnectTimeout = 2_000;
                options.SyncTimeout = 2_000;
            });
        builder.Services.TryAddSingleton(sp => sp.GetRequiredKeyedService<IConnectionMultiplexer>(serviceKey));
        return builder;
    }

    /// <summary>
    /// Lets the exceptions of the database and Redis drivers cross the wire: Orleans serializes only exceptions of the
    /// Microsoft, System and Azure namespaces, so a grain whose activation failed because PostgreSQL was down would
    /// reach its caller as a codec error instead of the <c>NpgsqlException</c> that says "retry".
    /// </summary>
    /// <param name="options">Orleans' exception serialization options.</param>
    public static void SerializeDriverExceptions(ExceptionSerializationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.SupportedNamespacePrefixes.Add("Npgsql");
        options.SupportedNamespacePrefixes.Add("StackExchange.Redis");
    }

    private static void AddOrleansTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetryTracingSource(ActivitySources);
        builder.Services.AddOpenTelemetryMeter(Meter);
    }
}
