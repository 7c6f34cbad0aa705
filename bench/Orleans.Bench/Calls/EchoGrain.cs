using Orleans.Placement;

namespace Orleans.Bench.Calls;

// Placed on the silo of its first caller: the bench activates it from the silo it must live on.
[PreferLocalPlacement]
internal sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<int> EchoAsync(int value) => Task.FromResult(value);

    public Task<string> WhereAsync() => Task.FromResult(RuntimeIdentity);
}
