using Microsoft.Extensions.DependencyInjection;
using Platform.Actors.CodeGeneration;
using Platform.Actors.Reminders;
using Platform.Actors.Storage;

namespace Platform.Actors;

/// <summary>Configures the actor runtime inside <see cref="ActorsServiceCollectionExtensions.AddActors"/>. Every method is safe to call twice.</summary>
public sealed class ActorsBuilder
{
    internal ActorsBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Changes options after they are bound from the <c>Actors</c> configuration section.</summary>
    public ActorsBuilder Configure(Action<ActorsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Adds a filter that runs around every call a grain in this silo receives.</summary>
    public ActorsBuilder AddIncomingGrainCallFilter<TFilter>()
        where TFilter : class, IIncomingGrainCallFilter
    {
        if (!Services.Any(static d => d.ServiceType == typeof(IIncomingGrainCallFilter) && d.ImplementationType == typeof(TFilter)))
        {
            Services.AddSingleton<IIncomingGrainCallFilter, TFilter>();
        }

        return this;
    }

    /// <summary>Adds a filter that runs around every grain call made from this process.</summary>
    public ActorsBuilder AddOutgoingGrainCallFilter<TFilter>()
        where TFilter : class, IOutgoingGrainCallFilter
    {
        if (!Services.Any(static d => d.ServiceType == typeof(IOutgoingGrainCallFilter) && d.ImplementationType == typeof(TFilter)))
        {
            Services.AddSingleton<IOutgoingGrainCallFilter, TFilter>();
        }

        return this;
    }

    /// <summary>
    /// Loads the generated registrations of the assembly that declares <typeparamref name="TMarker"/> (a grain class or
    /// interface). Needed only when nothing else in the host touches that assembly before the first call.
    /// </summary>
    public ActorsBuilder AddGrainsFrom<TMarker>()
    {
        GeneratedCodeRegistry.EnsureRegistered(typeof(TMarker));
        return this;
    }

    /// <summary>Registers in-memory grain storage under <paramref name="name"/> (tests and experiments; lost on exit).</summary>
    public ActorsBuilder AddInMemoryGrainStorage(string name = PersistentStateAttribute.DefaultStorageName)
    {
        Services.AddInMemoryGrainStorage(name);
        return this;
    }

    /// <summary>Registers the in-memory reminder table (tests and experiments; lost on exit).</summary>
    public ActorsBuilder AddInMemoryReminderTable()
    {
        Services.AddInMemoryReminderTable();
        return this;
    }
}
