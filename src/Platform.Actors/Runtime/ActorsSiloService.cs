using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Actors.Runtime;

/// <summary>The silo's life cycle: collects idle activations every quantum and deactivates all of them when the host stops.</summary>
internal sealed class ActorsSiloService(ActorRuntime runtime) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await runtime.Catalog.DeactivateAllAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            Log.ShutdownIncomplete(runtime.Logger, ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(runtime.Options.CollectionQuantum);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var collected = runtime.Catalog.CollectIdle(runtime.Options.CollectionAge);
            if (collected > 0 && runtime.Logger.IsEnabled(LogLevel.Debug))
            {
                Log.Collected(runtime.Logger, collected);
            }
        }
    }
}
