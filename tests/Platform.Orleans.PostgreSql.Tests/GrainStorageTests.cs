using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Platform.Orleans.PostgreSql.Tests.Grains;
using Platform.Orleans.PostgreSql.Tests.Infrastructure;

namespace Platform.Orleans.PostgreSql.Tests;

/// <summary>Grain state through Microsoft.Orleans.Persistence.AdoNet on the project's schema.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class GrainStorageTests(PostgresFixture postgres)
{
    private const string ServiceId = "storage-tests";

    [Fact]
    public async Task WriteStateAsync_GrainDeactivated_NewActivationReadsTheStoredState()
    {
        var (cluster, database) = await GetClusterAsync();
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("deactivated");

        await grain.Add(2);
        await grain.Add(40);
        await cluster.DeactivateAsync(grain);
        var read = await grain.Get();

        Assert.Equal(42, read.Value);
        Assert.Equal(["+2 ü", "+40 ü"], read.Notes);
        Assert.Equal("2", read.ETag);
        var row = await Db.RowsAsync(database,
            "SELECT version, payload IS NOT NULL, service_id FROM orleans_grain_state WHERE grain_id_extension = 'deactivated'");
        Assert.Equal(new object?[] { 2, true, ServiceId }, Assert.Single(row));
    }

    [Fact]
    public async Task ReadStateAsync_NewClusterOfTheSameService_ReadsTheStateTheOldClusterWrote()
    {
        var database = await postgres.GetClassDatabaseAsync(GetType());
        await using (var first = await OrleansTestClusters.StartAsync(database, ServiceId))
        {
            await first.GrainFactory.GetGrain<ICounterGrain>("survivor").Add(7);
        }

        await using var second = await OrleansTestClusters.StartAsync(database, ServiceId);
        var read = await second.GrainFactory.GetGrain<ICounterGrain>("survivor").Get();

        Assert.Equal(7, read.Value);
        Assert.Equal("1", read.ETag);
    }

    [Fact]
    public async Task WriteStateAsync_TwoActivationsAndTheOtherWroteFirst_SecondWriterGetsInconsistentState()
    {
        var (cluster, database) = await GetClusterAsync();
        // A second cluster of the same service is a duplicate activation of the same grain: what ETags guard against.
        await using var other = await OrleansTestClusters.StartAsync(database, ServiceId);
        var here = cluster.GrainFactory.GetGrain<ICounterGrain>("duplicate");
        var there = other.GrainFactory.GetGrain<ICounterGrain>("duplicate");

        await here.Add(1);
        Assert.Equal(1, (await there.Get()).Value); // activates with version 1
        await here.Add(1); // version 2

        await Assert.ThrowsAsync<InconsistentStateException>(() => there.Add(100));
        Assert.Equal(2, (await here.Get()).Value);
        Assert.Equal(2, await Db.ScalarAsync<int>(database, "SELECT version FROM orleans_grain_state WHERE grain_id_extension = 'duplicate'"));
    }

    [Fact]
    public async Task WriteStateAsync_StaleETag_ThrowsInconsistentStateException()
    {
        var storage = await GetStorageAsync(OrleansTestClusters.Storage);
        var grainId = GrainId.Create("etag-test", UniqueStringKey());
        var writer = new GrainState<CounterState>();
        var stale = new GrainState<CounterState>();
        await storage.ReadStateAsync("EtagState", grainId, writer);
        await storage.ReadStateAsync("EtagState", grainId, stale);

        writer.State!.Value = 1;
        await storage.WriteStateAsync("EtagState", grainId, writer);
        var firstWriterETag = writer.ETag;
        await storage.ReadStateAsync("EtagState", grainId, stale);
        writer.State!.Value = 2;
        await storage.WriteStateAsync("EtagState", grainId, writer);
        stale.State!.Value = 99;

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("EtagState", grainId, stale));
        Assert.Equal("1", firstWriterETag);
        Assert.Equal("2", writer.ETag);
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("EtagState", grainId, read);
        Assert.Equal(2, read.State!.Value);
    }

    [Fact]
    public async Task WriteStateAsync_TwoFirstWritersWithoutETag_SecondThrowsInconsistentStateException()
    {
        var storage = await GetStorageAsync(OrleansTestClusters.Storage);
        var grainId = GrainId.Create("etag-test", UniqueStringKey());
        var first = new GrainState<CounterState>(new CounterState { Value = 1 });
        var second = new GrainState<CounterState>(new CounterState { Value = 2 });

        await storage.WriteStateAsync("EtagState", grainId, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("EtagState", grainId, second));
        Assert.Equal("1", first.ETag);
    }

    [Fact]
    public async Task ClearStateAsync_StaleETag_ThrowsAndKeepsTheState()
    {
        var storage = await GetStorageAsync(OrleansTestClusters.Storage);
        var grainId = GrainId.Create("etag-test", UniqueStringKey());
        var writer = new GrainState<CounterState>(new CounterState { Value = 5 });
        await storage.WriteStateAsync("EtagState", grainId, writer);
        var stale = new GrainState<CounterState>();
        await storage.ReadStateAsync("EtagState", grainId, stale);
        await storage.WriteStateAsync("EtagState", grainId, writer);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("EtagState", grainId, stale));
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("EtagState", grainId, read);
        Assert.Equal(5, read.State!.Value);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task ClearStateAsync_CurrentETag_KeepsTheRowWithoutStateAndAStaleWriterStillLoses()
    {
        var (_, database) = await GetClusterAsync();
        var storage = await GetStorageAsync(OrleansTestClusters.Storage);
        var key = UniqueStringKey();
        var grainId = GrainId.Create("clear-test", key);
        var state = new GrainState<CounterState>(new CounterState { Value = 5 });
        await storage.WriteStateAsync("ClearState", grainId, state);
        var stale = new GrainState<CounterState>();
        await storage.ReadStateAsync("ClearState", grainId, stale);

        await storage.ClearStateAsync("ClearState", grainId, state);

        Assert.Equal("2", state.ETag);
        Assert.False(state.RecordExists);
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("ClearState", grainId, read);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State!.Value);
        Assert.Equal("2", read.ETag);
        Assert.Equal(new object?[] { 2, true }, Assert.Single(await Db.RowsAsync(database,
            "SELECT version, payload IS NULL FROM orleans_grain_state WHERE grain_id_extension = @key", ("key", key))));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("ClearState", grainId, stale));
        read.State!.Value = 6;
        await storage.WriteStateAsync("ClearState", grainId, read);
        Assert.Equal("3", read.ETag);
    }

    [Fact]
    public async Task ClearStateAsync_DeleteStateOnClear_DeletesTheRowAndTheGrainStartsAgain()
    {
        var (_, database) = await GetClusterAsync();
        var storage = await GetStorageAsync(OrleansTestClusters.DeletingStorage);
        var key = UniqueStringKey();
        var grainId = GrainId.Create("delete-test", key);
        var state = new GrainState<CounterState>(new CounterState { Value = 5 });
        await storage.WriteStateAsync("DeleteState", grainId, state);
        var stale = new GrainState<CounterState>();
        await storage.ReadStateAsync("DeleteState", grainId, stale);
        await storage.WriteStateAsync("DeleteState", grainId, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("DeleteState", grainId, stale));
        Assert.Equal(1L, await Db.ScalarAsync<long>(database,
            "SELECT count(*) FROM orleans_grain_state WHERE grain_id_extension = @key", ("key", key)));
        await storage.ClearStateAsync("DeleteState", grainId, state);

        Assert.Null(state.ETag);
        Assert.Equal(0L, await Db.ScalarAsync<long>(database,
            "SELECT count(*) FROM orleans_grain_state WHERE grain_id_extension = @key", ("key", key)));
        var again = new GrainState<CounterState>(new CounterState { Value = 1 });
        await storage.WriteStateAsync("DeleteState", grainId, again);
        Assert.Equal("1", again.ETag);
    }

    [Theory]
    [InlineData(OrleansTestClusters.Storage)]
    [InlineData(OrleansTestClusters.CollidingStorage)]
    public async Task WriteStateAsync_KeysThatShareParts_AreStoredSeparately(string storageName)
    {
        var (_, database) = await GetClusterAsync();
        var storage = await GetStorageAsync(storageName);
        var guid = Guid.NewGuid();
        var number = Random.Shared.NextInt64(1, long.MaxValue);
        // Same Guid with no, one and another extension; same number likewise; a string key; and one identity under two
        // state names (grain types). Each must be its own row: the schema's key has to tell them all apart.
        (string Type, GrainId Id)[] grains =
        [
            ("KeyState", GrainId.Create(GrainType.Create("key-test"), GrainIdKeyExtensions.CreateGuidKey(guid))),
            ("KeyState", GrainId.Create(GrainType.Create("key-test"), GrainIdKeyExtensions.CreateGuidKey(guid, "a"))),
            ("KeyState", GrainId.Create(GrainType.Create("key-test"), GrainIdKeyExtensions.CreateGuidKey(guid, "b"))),
            ("KeyState", GrainId.Create(GrainType.Create("key-test"), GrainIdKeyExtensions.CreateIntegerKey(number))),
            ("KeyState", GrainId.Create(GrainType.Create("key-test"), GrainIdKeyExtensions.CreateIntegerKey(number, "a"))),
            ("KeyState", GrainId.Create("key-test", $"text-{guid:N}")),
            ("OtherKeyState", GrainId.Create("key-test", $"text-{guid:N}")),
        ];

        for (var i = 0; i < grains.Length; i++)
        {
            await storage.WriteStateAsync(grains[i].Type, grains[i].Id, new GrainState<CounterState>(new CounterState { Value = i + 1 }));
        }

        for (var i = 0; i < grains.Length; i++)
        {
            var read = new GrainState<CounterState>();
            await storage.ReadStateAsync(grains[i].Type, grains[i].Id, read);
            Assert.Equal(i + 1, read.State!.Value);
            Assert.Equal("1", read.ETag);
        }

        var guidHalves = await Db.RowsAsync(database,
            "SELECT grain_id_n0, grain_id_n1, grain_id_extension FROM orleans_grain_state WHERE grain_type = 'KeyState' AND grain_id_n0 = @n0 ORDER BY grain_id_extension NULLS FIRST",
            ("n0", BitConverter.ToInt64(guid.ToByteArray(), 0)));
        Assert.Equal(3, guidHalves.Count);
        Assert.Equal([null, "a", "b"], guidHalves.Select(r => (string?)r[2]));
        Assert.Equal(BitConverter.ToInt64(guid.ToByteArray(), 8), (long)guidHalves[0][1]!);
        if (storageName == OrleansTestClusters.CollidingStorage)
        {
            Assert.Equal(7L, await Db.ScalarAsync<long>(database,
                "SELECT count(*) FROM orleans_grain_state WHERE grain_id_hash = 7 AND grain_type_hash = 7 AND (grain_id_n0 = @n0 OR grain_id_n1 = @n OR grain_id_extension = @key)",
                ("n0", BitConverter.ToInt64(guid.ToByteArray(), 0)), ("n", number), ("key", $"text-{guid:N}")));
        }
        Assert.Equal(2L, await Db.ScalarAsync<long>(database,
            "SELECT count(*) FROM orleans_grain_state WHERE grain_id_n0 = 0 AND grain_id_n1 = @n", ("n", number)));
        Assert.Equal(2L, await Db.ScalarAsync<long>(database,
            "SELECT count(DISTINCT grain_type) FROM orleans_grain_state WHERE grain_id_n0 = 0 AND grain_id_n1 = 0 AND grain_id_extension = @key",
            ("key", $"text-{guid:N}")));
    }

    // Not a bare Guid or number: the provider parses a string key that looks like one as that kind of key.
    private static string UniqueStringKey() => $"key-{Guid.NewGuid():N}";

    private async Task<(TestCluster Cluster, string Database)> GetClusterAsync()
    {
        var database = await postgres.GetClassDatabaseAsync(GetType());
        var cluster = await postgres.GetSharedAsync(nameof(GrainStorageTests), () => OrleansTestClusters.StartAsync(database, ServiceId));
        return (cluster, database);
    }

    private async Task<IGrainStorage> GetStorageAsync(string name)
    {
        var (cluster, _) = await GetClusterAsync();
        return cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(name);
    }
}
