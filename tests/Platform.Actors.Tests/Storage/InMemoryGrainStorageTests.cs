using Microsoft.Extensions.DependencyInjection;
using Platform.Actors.Storage;

namespace Platform.Actors.Tests.Storage;

public sealed class InMemoryGrainStorageTests : GrainStorageContract
{
    private readonly InMemoryGrainStorage _storage = new();

    protected override Task<IGrainStorage> CreateStorageCoreAsync() => Task.FromResult<IGrainStorage>(_storage);

    [Fact]
    public async Task WriteStateAsync_CallerMutatesStateAfterwards_StoredStateIsUnchanged()
    {
        var state = new TestGrainState<CounterState> { State = new CounterState { Value = 1, Items = ["a"] } };
        await _storage.WriteStateAsync("counter", Grain, state);

        state.State.Value = 2;
        state.State.Items.Add("b");
        var read = await ReadAsync<CounterState>(_storage, Grain);
        read.State.Items.Add("c");

        var again = await ReadAsync<CounterState>(_storage, Grain);
        Assert.Equal(1, again.State.Value);
        Assert.Equal(["a"], again.State.Items);
    }

    [Fact]
    public void AddInMemoryGrainStorage_Name_RegistersOneKeyedSingleton()
    {
        var services = new ServiceCollection().AddInMemoryGrainStorage("store").AddInMemoryGrainStorage("store");

        using var provider = services.BuildServiceProvider();

        var storage = provider.GetRequiredKeyedService<IGrainStorage>("store");
        Assert.IsType<InMemoryGrainStorage>(storage);
        Assert.Same(storage, provider.GetRequiredKeyedService<IGrainStorage>("store"));
        Assert.Single(services, d => d.ServiceType == typeof(IGrainStorage));
        Assert.Null(provider.GetKeyedService<IGrainStorage>("Default"));
    }

    [Fact]
    public void AddInMemoryGrainStorage_NoName_RegistersDefault()
    {
        using var provider = new ServiceCollection().AddInMemoryGrainStorage().BuildServiceProvider();

        Assert.IsType<InMemoryGrainStorage>(provider.GetRequiredKeyedService<IGrainStorage>("Default"));
    }
}
