using RenderFarm.Contracts;

namespace RenderFarm.Grains;

/// <summary>One accepted frame's PNG, durable. Only its coordinator writes it, after the fencing check.</summary>
[GrainType("farm.frame")]
internal sealed class FrameGrain([PersistentState("frame", FarmOptions.StorageName)] IPersistentState<FrameGrainState> state)
    : Grain, IFrameGrain
{
    public async Task<bool> StoreAsync(long token, string hash, byte[] png)
    {
        // The second fence: even a coordinator that lost track (a duplicate activation during failover) cannot
        // replace a frame written under a newer token.
        if (state.RecordExists && token < state.State.Token)
        {
            return false;
        }

        state.State.Token = token;
        state.State.Hash = hash;
        state.State.Png = png;
        await state.WriteStateAsync();
        return true;
    }

    public Task<byte[]?> GetPngAsync() => Task.FromResult(state.RecordExists ? state.State.Png : null);
}
