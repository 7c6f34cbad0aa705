using Platform.Hosting.Servers;

namespace RenderFarm.Tests;

/// <summary>One real PostgreSQL for the run (the OS's postgres, as the repo's helpers start it); each cluster gets its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private LocalPostgresServer? _postgres;

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "farm_" + Guid.NewGuid().ToString("N")[..12];
        await _postgres!.CreateDatabaseAsync(name);
        return _postgres.GetConnectionString(name);
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
