using Platform.Hosting.Servers;

namespace Platform.AspNetCore.Tests.Infrastructure;

/// <summary>One real PostgreSQL for the whole run; each test (or test class) creates its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private LocalPostgresServer? _postgres;

    public LocalPostgresServer Postgres => _postgres ?? throw new InvalidOperationException("PostgreSQL has not started.");

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "tokens_" + Guid.NewGuid().ToString("N")[..12];
        await Postgres.CreateDatabaseAsync(name);
        return Postgres.GetConnectionString(name);
    }

    public async Task InitializeAsync() => _postgres = await LocalPostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollectionDefinition : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
