using Microsoft.Extensions.DependencyInjection;
using Platform.Actors.Reminders;
using Platform.Actors.Storage;
using Platform.Actors.Tests.Grains;
using Platform.Actors.Tests.Infrastructure;

namespace Platform.Actors.Tests;

/// <summary>Persistence wiring against the in-memory provider (same ETag rules as PostgreSQL; see PostgreSqlActorsTests for the real server).</summary>
public sealed class PersistentStateTests
{
    [Fact]
    public async Task WriteStateAsync_ThenReactivate_StateIsReadBeforeOnActivate()
    {
        var storage = new InMemoryGrainStorage();
        var key = Guid.NewGuid().ToString();
        await using (var silo = await StartWithSharedStorageAsync(storage))
        {
            var grain = silo.Grains.GetGrain<IProfileGrain>(key);
            Assert.False(await grain.GetRecordExistsAsync());
            Assert.Null(await grain.GetETagAsync());
            await grain.SetNameAsync("Ada");
            Assert.True(await grain.GetRecordExistsAsync());
            Assert.NotNull(await grain.GetETagAsync());
        }

        await using (var silo = await StartWithSharedStorageAsync(storage))
        {
            Assert.Equal("Ada", await silo.Grains.GetGrain<IProfileGrain>(key).GetNameAsync());
        }

        Assert.Equal(["activate:", "deactivate:ShuttingDown", "activate:Ada", "deactivate:ShuttingDown"], Probe.Get(key));
    }

    [Fact]
    public async Task ClearStateAsync_RecordRemoved_StateReset()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IProfileGrain>(Guid.NewGuid().ToString());
        await grain.SetNameAsync("Ada");

        await grain.ClearAsync();

        Assert.Equal("", await grain.GetNameAsync());
        Assert.False(await grain.GetRecordExistsAsync());
    }

    [Fact]
    public async Task WriteStateAsync_StaleActivation_ThrowsInconsistentStateAndDeactivates()
    {
        // Two silos sharing one storage: the brief duplicate activation a membership change can cause.
        var storage = new InMemoryGrainStorage();
        await using var siloA = await StartWithSharedStorageAsync(storage);
        await using var siloB = await StartWithSharedStorageAsync(storage);
        var key = Guid.NewGuid().ToString();
        var onA = siloA.Grains.GetGrain<IProfileGrain>(key);
        var onB = siloB.Grains.GetGrain<IProfileGrain>(key);
        await onA.SetNameAsync("first");
        Assert.Equal("first", await onB.GetNameAsync());
        var staleActivation = await onB.GetActivationIdAsync();
        await onA.SetNameAsync("second");

        var error = await Assert.ThrowsAsync<GrainMethodException>(() => onB.SetNameAsync("lost update"));

        Assert.IsType<InconsistentStateException>(error.InnerException);
        Assert.Equal(typeof(InconsistentStateException).FullName, error.CauseType);
        Assert.NotEqual(staleActivation, await onB.GetActivationIdAsync());
        Assert.Equal("second", await onB.GetNameAsync());
        Assert.Contains("deactivate:InconsistentState", Probe.Get(key));
        await onB.SetNameAsync("third");
        Assert.Equal("third", await ReadFreshAsync(storage, key));
    }

    private static async Task<string> ReadFreshAsync(InMemoryGrainStorage storage, string key)
    {
        await using var silo = await StartWithSharedStorageAsync(storage);
        return await silo.Grains.GetGrain<IProfileGrain>(key).GetNameAsync();
    }

    private static Task<TestSilo> StartWithSharedStorageAsync(InMemoryGrainStorage storage) =>
        TestSilo.StartAsync(configureServices: s =>
        {
            s.AddKeyedSingleton<IGrainStorage>("Default", storage);
            s.AddInMemoryReminderTable();
        });
}
