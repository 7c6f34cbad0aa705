using System.Collections.Concurrent;
using System.Diagnostics;
using Platform.Actors.CodeGeneration;

namespace Platform.Actors.Runtime;

/// <summary>This silo's activations, one per grain id, created on first delivery.</summary>
internal sealed class Catalog(ActorRuntime runtime) : IActivationCatalog
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();

    public int Count => _activations.Count;

    public Task<ResponseMessage> DeliverAsync(Message message)
    {
        var item = new RequestWorkItem(message);
        Deliver(item);
        return item.Response;
    }

    public void Redeliver(RequestWorkItem item) => Deliver(item);

    public void Remove(ActivationData activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));

    public ActivationData? Find(GrainId grainId) => _activations.TryGetValue(grainId, out var activation) ? activation : null;

    public int CollectIdle(TimeSpan age)
    {
        var idleSince = Stopwatch.GetTimestamp() - (long)(age.TotalSeconds * Stopwatch.Frequency);
        var collected = 0;
        foreach (var activation in _activations.Values)
        {
            if (activation.TryCollect(idleSince))
            {
                collected++;
            }
        }

        return collected;
    }

    /// <summary>Deactivates the activations whose ids match (the cluster placed them on another silo); returns how many.</summary>
    public int DeactivateWhere(Func<GrainId, bool> predicate, DeactivationReason reason)
    {
        var count = 0;
        foreach (var activation in _activations.Values)
        {
            if (predicate(activation.GrainId))
            {
                _ = activation.ShutdownAsync(reason);
                count++;
            }
        }

        return count;
    }

    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        var pending = _activations.Values.Select(static a => a.ShutdownAsync()).ToArray();
        await Task.WhenAll(pending).WaitAsync(runtime.Options.DeactivationTimeout, cancellationToken);
    }

    private void Deliver(RequestWorkItem item)
    {
        var grainId = item.Message.Target;
        while (true)
        {
            if (!_activations.TryGetValue(grainId, out var activation))
            {
                if (!GeneratedCodeRegistry.TryGetGrainClass(grainId.Type, out var grainClass))
                {
                    item.Complete(ResponseMessage.Failure(new GrainTypeNotFoundException(
                        $"Unknown grain type '{grainId.Type}' for grain '{grainId}': no grain class with that type name is registered in this silo. " +
                        "Check [GrainType] on the class and that its assembly is loaded (actors.AddGrainsFrom<TGrain>()).")));
                    return;
                }

                var created = new ActivationData(grainId, grainClass, runtime, this);
                if (!_activations.TryAdd(grainId, created))
                {
                    continue;
                }

                created.Start();
                activation = created;
            }

            if (activation.TryEnqueue(item))
            {
                return;
            }

            // The activation is deactivating: deliver to its successor once it is gone, so state is never read before it is written.
            _ = DeliverAfterAsync(activation, item);
            return;
        }
    }

    private async Task DeliverAfterAsync(ActivationData previous, RequestWorkItem item)
    {
        await previous.Deactivated;
        Deliver(item);
    }
}
