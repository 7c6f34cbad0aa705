using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Actors.Reminders;
using Platform.Actors.Runtime;

namespace Platform.Actors;

/// <summary>Adds the actor runtime (a single silo, no cluster configuration) to a service collection.</summary>
public static class ActorsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the actor runtime: the catalog, the call path, <see cref="IGrainFactory"/>, idle collection, the reminder
    /// service, telemetry, and <see cref="ActorsOptions"/> bound from the <c>Actors</c> configuration section.
    /// Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddActors(actors => actors.AddInMemoryGrainStorage().Configure(o => o.CollectionAge = TimeSpan.FromMinutes(5)));
    /// </code>
    /// </example>
    public static IServiceCollection AddActors(this IServiceCollection services, Action<ActorsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(static d => d.ServiceType == typeof(ActorRuntime)))
        {
            // Bind the "Actors" section when the host has configuration; a bare service collection just gets the defaults.
            services.AddOptions<ActorsOptions>().Configure<IServiceProvider>(static (options, sp) =>
                sp.GetService<IConfiguration>()?.GetSection(ActorsOptions.SectionName).Bind(options));
            services.AddSingleton<IValidateOptions<ActorsOptions>, ActorsOptionsValidator>();
            services.AddMetrics();
            services.AddLogging();
            services.AddSingleton<ActorsMetrics>();
            services.AddSingleton<ActorRuntime>();
            services.TryAddSingleton<IActivationCatalog>(static sp => sp.GetRequiredService<ActorRuntime>().Catalog);

            // TryAdd: the cluster registers its own router and reminder range first.
            services.TryAddSingleton<IGrainCallRouter, LocalGrainCallRouter>();
            services.TryAddSingleton<IReminderRangeProvider, FullRingReminderRange>();
            services.AddSingleton<GrainRuntime>();
            services.AddSingleton<IGrainFactory>(static sp => sp.GetRequiredService<GrainRuntime>());
            services.AddSingleton<ReminderService>();

            // Hosted services stop in reverse order: reminders stop before activations are deactivated.
            services.AddHostedService<ActorsSiloService>();
            services.AddHostedService(static sp => sp.GetRequiredService<ReminderService>());
        }

        configure?.Invoke(new ActorsBuilder(services));
        return services;
    }
}
