using Platform.Actors.Storage;

namespace Platform.Actors.Tests.Grains;

public sealed class MissingStorageGrain([PersistentState("data", "nowhere")] IPersistentState<ProfileState> state) : Grain, IMissingStorageGrain
{
    public Task PingAsync() => Task.FromResult(state.State);
}
