using Platform.Hosting.Servers;

namespace Platform.Tests.Shared;

/// <summary>
/// One real PostgreSQL for the whole run (the OS's postgres, started as the repo's <see cref="LocalPostgresServer"/>
/// starts it, as the postgres user); each test or test class creates its own database.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private LocalPostgresServer? _postgres;

    /// <summary>The server, once started.</summary>
    public LocalPostgresServer Postgres => _postgres ?? throw new InvalidOperationException("PostgreSQL has not started.");

    /// <summary>A new, empty database whose name starts with <paramref name="prefix"/>; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        await Postgres.CreateDatabaseAsync(name);
        return Postgres.GetConnectionString(name);
    }

    /// <inheritdoc />
    public async Task InitializeAsync() => _postgres = await LocalPostgresServer.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}

/// <summary>The test classes that share one <see cref="PostgresFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollectionDefinition : ICollectionFixture<PostgresFixture>
{
    /// <summary>The collection's name, for <c>[Collection]</c>.</summary>
    public const string Name = "postgres";
}
