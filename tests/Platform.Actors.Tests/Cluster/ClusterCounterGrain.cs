using Platform.Actors.Storage;

namespace Platform.Actors.Tests.Cluster;

/// <summary>A persisted counter that says which silo hosts it: every increment is written before it is acknowledged.</summary>
[GrainType("cluster-counter")]
public sealed class ClusterCounterGrain(
    [PersistentState("count")] IPersistentState<ClusterCounterState> state,
    ILocalSiloDetails silo) : Grain, IClusterCounterGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task<int> IncrementAsync()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Count);

    public Task<string> GetSiloAsync() => Task.FromResult(silo.SiloAddress.ToString());

    public Task<Guid> GetActivationIdAsync() => Task.FromResult(_activationId);

    public Task HangAsync() => Task.Delay(Timeout.Infinite);

    public Task ThrowAsync(string message) => throw new InvalidOperationException(message);
}
