using Platform.Actors.PostgreSql;
using Platform.Actors.Tests.Storage;
using Platform.Hosting.Servers;

namespace Platform.Actors.Tests.PostgreSql;

/// <summary>
/// The storage across a PostgreSQL stop, crash and restart. Each test starts its own server, because stopping the shared
/// <see cref="PostgreSqlFixture"/> server would break the tests that use it.
/// </summary>
public sealed class PostgreSqlGrainStorageFaultTests : IAsyncLifetime
{
    private static readonly GrainId Account = new("account", "1");
    private LocalPostgresServer _server = null!;
    private PostgreSqlGrainStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalPostgresServer.StartAsync();
        _storage = NewStorage();
    }

    public async Task DisposeAsync()
    {
        await _storage.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ReadStateAsync_AfterServerStopAndStart_ReturnsStateWrittenBefore()
    {
        var written = new TestGrainState<CounterState> { State = new CounterState { Value = 42 } };
        await _storage.WriteStateAsync("balance", Account, written);

        await _server.StopAsync();
        await _server.RestartAsync();

        // The same storage, whose pooled connections died with the old server, and a fresh one.
        foreach (var storage in new[] { _storage, NewStorage() })
        {
            var read = new TestGrainState<CounterState>();
            await storage.ReadStateAsync("balance", Account, read);
            Assert.Equal(42, read.State.Value);
            Assert.Equal(written.ETag, read.ETag);
        }
    }

    [Fact]
    public async Task WriteStateAsync_WhileServerKilled_ThrowsTransientErrorNamingGrainThenWorksAfterRestart()
    {
        var state = new TestGrainState<CounterState> { State = new CounterState { Value = 1 } };
        await _storage.WriteStateAsync("balance", Account, state);
        var eTagBeforeCrash = state.ETag;

        await _server.KillAsync();
        state.State.Value = 2;
        var ex = await Assert.ThrowsAsync<PostgreSqlStorageException>(() => _storage.WriteStateAsync("balance", Account, state));
        var readWhileDown = await Assert.ThrowsAsync<PostgreSqlStorageException>(
            () => _storage.ReadStateAsync("balance", Account, new TestGrainState<CounterState>()));

        Assert.True(ex.IsTransient);
        Assert.Contains("Writing state 'balance' of grain 'account/1'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("read the state again", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Reading state 'balance' of grain 'account/1'", readWhileDown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Password, ex.Message + readWhileDown.Message, StringComparison.Ordinal);
        Assert.Equal(eTagBeforeCrash, state.ETag);

        await _server.RestartAsync();
        await _storage.WriteStateAsync("balance", Account, state);

        var read = new TestGrainState<CounterState>();
        await _storage.ReadStateAsync("balance", Account, read);
        Assert.Equal(2, read.State.Value);
        Assert.Equal(state.ETag, read.ETag);
    }

    private PostgreSqlGrainStorage NewStorage() =>
        new("Default", new PostgreSqlGrainStorageOptions { ConnectionString = _server.GetConnectionString() });
}
