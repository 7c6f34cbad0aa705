using Npgsql;
using Platform.Hosting.Servers;

namespace Platform.Orleans.PostgreSql.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL for the whole run (the repo's <see cref="LocalPostgresServer"/>, run as the postgres user);
/// each test class gets its own database, and its clusters are stopped before the server.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly Dictionary<string, Task<string>> _databases = [];
    private readonly Dictionary<string, Task<IAsyncDisposable>> _shared = [];
    private LocalPostgresServer? _server;

    public LocalPostgresServer Server => _server ?? throw new InvalidOperationException("PostgreSQL has not started.");

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        await Server.CreateDatabaseAsync(name);
        return Server.GetConnectionString(name);
    }

    /// <summary>The database of one test class: created on first use, the same for every test of the class.</summary>
    public Task<string> GetClassDatabaseAsync(Type testClass)
    {
        lock (_databases)
        {
            if (!_databases.TryGetValue(testClass.Name, out var database))
            {
                _databases[testClass.Name] = database = CreateDatabaseAsync(Prefix(testClass));
            }

            return database;
        }
    }

    /// <summary>Something expensive that a test class shares between its tests (a cluster), disposed at the end of the run.</summary>
    public async Task<T> GetSharedAsync<T>(string key, Func<Task<T>> create)
        where T : class, IAsyncDisposable
    {
        Task<IAsyncDisposable> shared;
        lock (_shared)
        {
            if (!_shared.TryGetValue(key, out shared!))
            {
                _shared[key] = shared = CreateShared(create);
            }
        }

        return (T)await shared;

        static async Task<IAsyncDisposable> CreateShared(Func<Task<T>> create) => await create();
    }

    public async Task InitializeAsync()
    {
        var options = new LocalServerOptions();
        // Throwaway data: durability buys nothing here and costs the shared cores time.
        options.Settings["fsync"] = "off";
        options.Settings["synchronous_commit"] = "off";
        options.Settings["full_page_writes"] = "off";
        _server = await LocalPostgresServer.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        foreach (var shared in _shared.Values)
        {
            try
            {
                await (await shared).DisposeAsync();
            }
            catch (Exception ex)
            {
                // A cluster that failed to start has nothing to stop; the server must still go.
                Console.Error.WriteLine($"Disposing a shared test resource failed: {ex.Message}");
            }
        }

        // Pooled connections of the providers and the tests would keep their databases busy; the server stops anyway.
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static string Prefix(Type testClass)
    {
        var name = testClass.Name.Replace("Tests", "", StringComparison.Ordinal).ToLowerInvariant();
        return name.Length > 40 ? name[..40] : name;
    }
}
