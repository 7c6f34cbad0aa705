using Platform.Actors.Storage;

namespace Platform.Actors.Tests.Storage;

/// <summary>
/// The rules every <see cref="IGrainStorage"/> provider must keep, run against each provider by a derived <c>…Tests</c> class,
/// so the in-memory storage the runtime tests use behaves as PostgreSQL does.
/// </summary>
public abstract class GrainStorageContract : IAsyncLifetime
{
    private const string StateName = "counter";
    private readonly List<IGrainStorage> _created = [];

    protected static GrainId Grain { get; } = new("counter", "42");

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var storage in _created)
        {
            if (storage is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    /// <summary>Creates a provider over this test's (initially empty) store; two calls in one test share the store.</summary>
    protected abstract Task<IGrainStorage> CreateStorageCoreAsync();

    protected async Task<IGrainStorage> CreateStorageAsync()
    {
        var storage = await CreateStorageCoreAsync();
        _created.Add(storage);
        return storage;
    }

    protected static async Task<TestGrainState<T>> ReadAsync<T>(IGrainStorage storage, GrainId grainId, string stateName = StateName)
    {
        var state = new TestGrainState<T>();
        await storage.ReadStateAsync(stateName, grainId, state);
        return state;
    }

    protected static async Task<TestGrainState<CounterState>> WriteAsync(IGrainStorage storage, int value, GrainId? grainId = null)
    {
        var state = await ReadAsync<CounterState>(storage, grainId ?? Grain);
        state.State.Value = value;
        await storage.WriteStateAsync(StateName, grainId ?? Grain, state);
        return state;
    }

    [Fact]
    public async Task ReadStateAsync_NoRecord_ReturnsDefaultStateWithoutETag()
    {
        var storage = await CreateStorageAsync();

        var state = await ReadAsync<CounterState>(storage, Grain);

        Assert.NotNull(state.State);
        Assert.Equal(0, state.State.Value);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
    }

    [Fact]
    public async Task WriteStateAsync_NullETagOnNewRecord_CreatesRecordAndSetsETag()
    {
        var storage = await CreateStorageAsync();
        var state = new TestGrainState<CounterState> { State = new CounterState { Value = 7 } };

        await storage.WriteStateAsync(StateName, Grain, state);

        Assert.True(state.RecordExists);
        Assert.NotNull(state.ETag);
        var read = await ReadAsync<CounterState>(storage, Grain);
        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(7, read.State.Value);
    }

    [Fact]
    public async Task WriteStateAsync_ThenReadIntoNewState_RoundTripsEveryMember()
    {
        var storage = await CreateStorageAsync();
        var state = new TestGrainState<CounterState> { State = new CounterState { Value = 3, Items = ["a", "b", "ü €"] } };
        await storage.WriteStateAsync(StateName, Grain, state);

        var read = await ReadAsync<CounterState>(storage, Grain);

        Assert.NotSame(state.State, read.State);
        Assert.Equal(3, read.State.Value);
        Assert.Equal(["a", "b", "ü €"], read.State.Items);
    }

    [Fact]
    public async Task WriteStateAsync_RecordWithoutParameterlessConstructor_RoundTripsAndDefaultsWhenMissing()
    {
        var storage = await CreateStorageAsync();
        var missing = await ReadAsync<AccountState>(storage, new GrainId("account", "1"));
        Assert.Equal(new AccountState(null!, 0m), missing.State);

        missing.State = new AccountState("alice", 12.34m);
        await storage.WriteStateAsync(StateName, new GrainId("account", "1"), missing);
        var read = await ReadAsync<AccountState>(storage, new GrainId("account", "1"));

        Assert.Equal(new AccountState("alice", 12.34m), read.State);
    }

    [Fact]
    public async Task WriteStateAsync_SuccessiveWrites_ChangeTheETagEachTime()
    {
        var storage = await CreateStorageAsync();
        var state = await WriteAsync(storage, 1);
        var eTags = new HashSet<string> { state.ETag! };

        for (var i = 2; i <= 5; i++)
        {
            state.State.Value = i;
            await storage.WriteStateAsync(StateName, Grain, state);
            Assert.True(eTags.Add(state.ETag!), $"ETag {state.ETag} was handed out twice");
        }

        Assert.Equal(5, (await ReadAsync<CounterState>(storage, Grain)).State.Value);
    }

    [Fact]
    public async Task WriteStateAsync_StaleETag_ThrowsAndLeavesStoredValueUnchanged()
    {
        var storage = await CreateStorageAsync();
        var stale = await WriteAsync(storage, 1);
        var current = await ReadAsync<CounterState>(storage, Grain);
        current.State.Value = 2;
        await storage.WriteStateAsync(StateName, Grain, current);

        stale.State.Value = 99;
        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain, stale));

        Assert.Equal(current.ETag, ex.StoredETag);
        Assert.Equal(stale.ETag, ex.CurrentETag);
        Assert.Contains("'counter/42'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'counter'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("another activation wrote first", ex.Message, StringComparison.Ordinal);
        var read = await ReadAsync<CounterState>(storage, Grain);
        Assert.Equal(2, read.State.Value);
        Assert.Equal(current.ETag, read.ETag);
    }

    [Fact]
    public async Task WriteStateAsync_NullETagWhenRecordExists_ThrowsAndLeavesStoredValueUnchanged()
    {
        var storage = await CreateStorageAsync();
        var written = await WriteAsync(storage, 1);
        var blind = new TestGrainState<CounterState> { State = new CounterState { Value = 99 } };

        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain, blind));

        Assert.Equal(written.ETag, ex.StoredETag);
        Assert.Null(ex.CurrentETag);
        Assert.Equal(1, (await ReadAsync<CounterState>(storage, Grain)).State.Value);
    }

    [Fact]
    public async Task WriteStateAsync_ETagNotFromThisProvider_ThrowsInconsistentState()
    {
        var storage = await CreateStorageAsync();
        var state = await WriteAsync(storage, 1);
        state.ETag = "W/\"not-a-version\"";

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain, state));

        Assert.Equal(1, (await ReadAsync<CounterState>(storage, Grain)).State.Value);
    }

    [Fact]
    public async Task WriteStateAsync_ConcurrentWritersWithSameETag_ExactlyOneSucceedsEachRound()
    {
        const int Rounds = 25;
        const int Writers = 8;
        var storage = await CreateStorageAsync();
        await WriteAsync(storage, -1);

        for (var round = 0; round < Rounds; round++)
        {
            var read = await ReadAsync<CounterState>(storage, Grain);
            var attempts = Enumerable.Range(0, Writers)
                .Select(writer => read.CopyWith(new CounterState { Value = (round * 100) + writer }))
                .ToArray();
            // Every writer waits on one gate, then they all race for the same version.
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var tasks = attempts.Select(async attempt =>
            {
                await start.Task;
                await storage.WriteStateAsync(StateName, Grain, attempt);
            }).ToArray();
            start.SetResult();
            var outcomes = await Task.WhenAll(tasks.Select(async task =>
            {
                try
                {
                    await task;
                    return true;
                }
                catch (InconsistentStateException)
                {
                    return false;
                }
            }));

            var winners = Enumerable.Range(0, Writers).Where(i => outcomes[i]).ToArray();
            Assert.Single(winners);
            var stored = await ReadAsync<CounterState>(storage, Grain);
            Assert.Equal((round * 100) + winners[0], stored.State.Value);
            Assert.Equal(attempts[winners[0]].ETag, stored.ETag);
        }
    }

    [Fact]
    public async Task WriteStateAsync_OtherGrainsAndStateNames_AreIndependent()
    {
        var storage = await CreateStorageAsync();
        await WriteAsync(storage, 1);
        await WriteAsync(storage, 2, new GrainId("counter", "43"));
        var other = new TestGrainState<CounterState> { State = new CounterState { Value = 3 } };
        await storage.WriteStateAsync("other", Grain, other);

        Assert.Equal(1, (await ReadAsync<CounterState>(storage, Grain)).State.Value);
        Assert.Equal(2, (await ReadAsync<CounterState>(storage, new GrainId("counter", "43"))).State.Value);
        Assert.Equal(3, (await ReadAsync<CounterState>(storage, Grain, "other")).State.Value);
        Assert.False((await ReadAsync<CounterState>(storage, new GrainId("other-type", "42"))).RecordExists);
    }

    [Fact]
    public async Task WriteStateAsync_CancelledToken_ThrowsOperationCanceledAndStoresNothing()
    {
        var storage = await CreateStorageAsync();
        await ReadAsync<CounterState>(storage, Grain); // the schema exists, so cancellation is not met while creating it
        var state = new TestGrainState<CounterState> { State = new CounterState { Value = 1 } };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => storage.WriteStateAsync(StateName, Grain, state, new CancellationToken(canceled: true)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => storage.ReadStateAsync(StateName, Grain, state, new CancellationToken(canceled: true)));

        Assert.Null(state.ETag);
        Assert.False((await ReadAsync<CounterState>(storage, Grain)).RecordExists);
    }

    [Fact]
    public async Task ClearStateAsync_ThenRead_RecordDoesNotExistAndStateIsDefault()
    {
        var storage = await CreateStorageAsync();
        var state = await WriteAsync(storage, 5);

        await storage.ClearStateAsync(StateName, Grain, state);

        Assert.False(state.RecordExists);
        Assert.Equal(0, state.State.Value);
        var read = await ReadAsync<CounterState>(storage, Grain);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State.Value);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task ClearStateAsync_ThenWriteWithPreClearETag_ThrowsAndStaysCleared()
    {
        var storage = await CreateStorageAsync();
        var before = await WriteAsync(storage, 5);
        var preClear = before.CopyWith(new CounterState { Value = 6 });

        await storage.ClearStateAsync(StateName, Grain, before);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain, preClear));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(StateName, Grain, new TestGrainState<CounterState> { State = new CounterState { Value = 7 } }));

        Assert.False((await ReadAsync<CounterState>(storage, Grain)).RecordExists);
    }

    [Fact]
    public async Task ClearStateAsync_ThenWriteWithETagFromClear_CreatesRecordAgain()
    {
        var storage = await CreateStorageAsync();
        var state = await WriteAsync(storage, 5);
        var preClearETag = state.ETag;
        await storage.ClearStateAsync(StateName, Grain, state);

        state.State.Value = 8;
        await storage.WriteStateAsync(StateName, Grain, state);

        Assert.NotEqual(preClearETag, state.ETag);
        var read = await ReadAsync<CounterState>(storage, Grain);
        Assert.True(read.RecordExists);
        Assert.Equal(8, read.State.Value);
    }

    [Fact]
    public async Task ClearStateAsync_StaleETag_ThrowsAndLeavesStoredValueUnchanged()
    {
        var storage = await CreateStorageAsync();
        var stale = await WriteAsync(storage, 1);
        await WriteAsync(storage, 2);

        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, Grain, stale));

        Assert.Equal(stale.ETag, ex.CurrentETag);
        var read = await ReadAsync<CounterState>(storage, Grain);
        Assert.True(read.RecordExists);
        Assert.Equal(2, read.State.Value);
    }

    [Fact]
    public async Task ClearStateAsync_NullETagAndNoRecord_ChangesNothing()
    {
        var storage = await CreateStorageAsync();
        var state = new TestGrainState<CounterState> { State = new CounterState { Value = 1 } };

        await storage.ClearStateAsync(StateName, Grain, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        var read = await ReadAsync<CounterState>(storage, Grain);
        Assert.Null(read.ETag);
        await storage.WriteStateAsync(StateName, Grain, read);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task ClearStateAsync_NullETagWhenRecordExists_ThrowsAndKeepsRecord()
    {
        var storage = await CreateStorageAsync();
        await WriteAsync(storage, 4);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.ClearStateAsync(StateName, Grain, new TestGrainState<CounterState> { State = new CounterState() }));

        Assert.Equal(4, (await ReadAsync<CounterState>(storage, Grain)).State.Value);
    }
}
