using Platform.Hosting.Servers;

namespace Bank.Tests.Infrastructure;

/// <summary>One real PostgreSQL and one real Redis for the whole run; each test creates its own database.</summary>
public sealed class ServersFixture : IAsyncLifetime
{
    private LocalPostgresServer? _postgres;
    private LocalRedisServer? _redis;

    public LocalPostgresServer Postgres => _postgres ?? throw new InvalidOperationException("PostgreSQL has not started.");

    public LocalRedisServer Redis => _redis ?? throw new InvalidOperationException("Redis has not started.");

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "bank_" + Guid.NewGuid().ToString("N")[..12];
        await Postgres.CreateDatabaseAsync(name);
        return Postgres.GetConnectionString(name);
    }

    public async Task InitializeAsync()
    {
        var postgres = LocalPostgresServer.StartAsync();
        var redis = LocalRedisServer.StartAsync();
        _postgres = await postgres;
        _redis = await redis;
    }

    public async Task DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
