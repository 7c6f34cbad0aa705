using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Actors.Cluster;
using Platform.Actors.Membership;
using Platform.Actors.Reminders;
using Platform.Actors.Runtime;

namespace Platform.Actors;

/// <summary>Makes a silo a cluster member (<see cref="UseCluster"/>) and gives frontends a <see cref="IClusterClient"/> (<see cref="AddActorsClient"/>).</summary>
public static class ActorsClusterServiceCollectionExtensions
{
    /// <summary>
    /// Joins this silo to a cluster: it listens on <c>Actors:SiloPort</c>, proves <c>Actors:ClusterSecret</c> on every
    /// connection, registers in the <see cref="IMembershipTable"/> (register one: <c>AddPostgreSqlMembershipTable</c>, or
    /// <see cref="AddInMemoryMembershipTable"/> for silos of one process), probes its peers, and places grains over the
    /// active silos. Options bind from the <c>Actors</c> section, then <paramref name="configure"/>. Safe to call twice.
    /// </summary>
    /// <example>
    /// <code>
    /// builder.UseActors(actors => actors.UseCluster());
    /// builder.Services.AddPostgreSqlMembershipTable(o => o.ConnectionName = "bankdb");
    /// </code>
    /// </example>
    public static ActorsBuilder UseCluster(this ActorsBuilder actors, Action<ClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(actors);
        var services = actors.Services;
        AddClusterOptions(services, configure);
        if (services.Any(static d => d.ServiceType == typeof(ClusterSilo)))
        {
            return actors;
        }

        services.TryAddSingleton<MembershipView>();
        services.TryAddSingleton<LocalSiloDetails>();
        services.TryAddSingleton<ILocalSiloDetails>(static sp => sp.GetRequiredService<LocalSiloDetails>());
        services.AddSingleton<SiloCallRouter>();
        services.RemoveAll<IGrainCallRouter>();
        services.AddSingleton<IGrainCallRouter>(static sp => sp.GetRequiredService<SiloCallRouter>());
        services.RemoveAll<IReminderRangeProvider>();
        services.AddSingleton<IReminderRangeProvider, ClusterReminderRange>();
        services.AddSingleton<ClusterSilo>();

        // Registered after the runtime's hosted services: it starts after them and stops first, so the silo leaves the
        // cluster (ShuttingDown, then Dead) before its activations are deactivated.
        services.AddHostedService(static sp => sp.GetRequiredService<ClusterSilo>());
        return actors;
    }

    /// <summary>
    /// Adds a cluster client: an <see cref="IClusterClient"/> (also registered as <see cref="IGrainFactory"/>) that reads
    /// the <see cref="IMembershipTable"/> (register one too) and sends each call to the silo owning the grain. For
    /// frontends that host no grains; do not combine with <c>AddActors</c> in one host. The grain interfaces' assembly
    /// must be loaded with its implementation registrations (reference the grains project).
    /// </summary>
    /// <example>
    /// <code>
    /// builder.Services.AddActorsClient();
    /// builder.Services.AddPostgreSqlMembershipTable(o => o.ConnectionName = "bankdb");
    /// </code>
    /// </example>
    public static IServiceCollection AddActorsClient(this IServiceCollection services, Action<ClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddClusterOptions(services, configure);
        if (services.Any(static d => d.ServiceType == typeof(ClusterClientService)))
        {
            return services;
        }

        services.AddOptions<ActorsOptions>().Configure<IServiceProvider>(static (options, sp) =>
            sp.GetService<IConfiguration>()?.GetSection(ActorsOptions.SectionName).Bind(options));
        services.AddMetrics();
        services.AddLogging();
        services.TryAddSingleton<ActorsMetrics>();
        services.TryAddSingleton<MembershipView>();
        services.AddSingleton<ClientCallRouter>();
        services.AddSingleton<IGrainCallRouter>(static sp => sp.GetRequiredService<ClientCallRouter>());
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<IClusterClient, ClusterClient>();
        services.AddSingleton<IGrainFactory>(static sp => sp.GetRequiredService<IClusterClient>());
        services.AddSingleton<ClusterClientService>();
        services.AddHostedService(static sp => sp.GetRequiredService<ClusterClientService>());
        return services;
    }

    /// <summary>Adds a cluster client to the host; see <see cref="AddActorsClient"/>.</summary>
    public static IHostApplicationBuilder UseActorsClient(this IHostApplicationBuilder builder, Action<ClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddActorsClient(configure);
        return builder;
    }

    /// <summary>
    /// Registers <paramref name="table"/> (or a new <see cref="InMemoryMembershipTable"/>) as the <see cref="IMembershipTable"/>.
    /// Silos of one process share membership only when they are given the same instance. Tests only.
    /// </summary>
    public static IServiceCollection AddInMemoryMembershipTable(this IServiceCollection services, InMemoryMembershipTable? table = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<IMembershipTable>();
        services.AddSingleton<IMembershipTable>(table ?? new InMemoryMembershipTable());
        return services;
    }

    private static void AddClusterOptions(IServiceCollection services, Action<ClusterOptions>? configure)
    {
        if (!services.Any(static d => d.ServiceType == typeof(IValidateOptions<ClusterOptions>)))
        {
            services.AddOptions<ClusterOptions>().Configure<IServiceProvider>(static (options, sp) =>
                sp.GetService<IConfiguration>()?.GetSection(ActorsOptions.SectionName).Bind(options));
            services.AddSingleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>();
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }
    }
}
