using Platform.Hosting.Servers;

namespace Platform.Actors.Tests.PostgreSql;

/// <summary>
/// ONE real PostgreSQL server for the whole test run, shared by every test class in the <see cref="PostgreSqlCollectionDefinition"/>
/// (starting a server per class would cost seconds each). Isolation comes from databases instead: each test asks for a fresh one.
/// Tests in one collection run one at a time, so a test may rely on nothing else touching its database, but must leave the server running.
/// </summary>
/// <example>
/// Any test class (storage, reminders, runtime, membership) joins like this:
/// <code>
/// [Collection(PostgreSqlCollectionDefinition.Name)]
/// public sealed class MyTests(PostgreSqlFixture postgres) : IAsyncLifetime
/// {
///     private string _connectionString = "";
///
///     public async Task InitializeAsync() => _connectionString = await postgres.CreateDatabaseAsync();
///
///     public Task DisposeAsync() => Task.CompletedTask;
/// }
/// </code>
/// </example>
public sealed class PostgreSqlFixture : IAsyncLifetime
{
    private LocalPostgresServer? _server;
    private int _databases;

    /// <summary>The shared server; do not stop or kill it (start your own for fault tests).</summary>
    public LocalPostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture has not started yet.");

    public async Task InitializeAsync() => _server = await LocalPostgresServer.StartAsync();

    /// <summary>Creates an empty database with a name unique in this run and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}";
        await Server.CreateDatabaseAsync(name, cancellationToken);
        return Server.GetConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
