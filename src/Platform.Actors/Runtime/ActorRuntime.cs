using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Actors.Reminders;

namespace Platform.Actors.Runtime;

/// <summary>The silo-side services every activation shares.</summary>
internal sealed class ActorRuntime
{
    private IGrainFactory? _grainFactory;
    private ReminderService? _reminders;

    public ActorRuntime(IServiceProvider services, IOptions<ActorsOptions> options, ILoggerFactory loggerFactory, IEnumerable<IIncomingGrainCallFilter> incomingFilters, ActorsMetrics metrics)
    {
        Services = services;
        Options = options.Value;
        Logger = loggerFactory.CreateLogger("Platform.Actors.Runtime");
        IncomingFilters = [.. incomingFilters];
        Catalog = new Catalog(this);
        metrics.ObserveActivations(() => Catalog.Count);
    }

    public IServiceProvider Services { get; }

    public ActorsOptions Options { get; }

    public ILogger Logger { get; }

    public IIncomingGrainCallFilter[] IncomingFilters { get; }

    public Catalog Catalog { get; }

    // Resolved on first use: the grain factory and the reminder service depend on the catalog themselves.
    public IGrainFactory GrainFactory => _grainFactory ??= Services.GetRequiredService<IGrainFactory>();

    public ReminderService Reminders => _reminders ??= Services.GetRequiredService<ReminderService>();
}
