using Platform.Hosting.Servers;

namespace Bank.Tests.Infrastructure;

/// <summary>One real PostgreSQL and one real Redis for the whole run; each test creates its own database.</summary>
public sealed class ServersFixture : IAsyncLifetime
{
    private LocalPostgresServer? _postgres;
    private LocalRedisServer? _redis;
    private readonly Dictionary<string, Task<BankApiFactory>> _apis = [];

    public LocalPostgresServer Postgres => _postgres ?? throw new InvalidOperationException("PostgreSQL has not started.");

    public LocalRedisServer Redis => _redis ?? throw new InvalidOperationException("Redis has not started.");

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "bank_" + Guid.NewGuid().ToString("N")[..12];
        await Postgres.CreateDatabaseAsync(name);
        return Postgres.GetConnectionString(name);
    }

    /// <summary>One API per name for the run (test classes share theirs), on its own database and the shared Redis.</summary>
    public Task<BankApiFactory> GetApiAsync(string name, bool kestrel = false, int rateLimitPermits = 1_000, string? redis = null)
    {
        lock (_apis)
        {
            if (!_apis.TryGetValue(name, out var api))
            {
                _apis[name] = api = StartApiAsync(kestrel, rateLimitPermits, redis);
            }

            return api;
        }
    }

    private async Task<BankApiFactory> StartApiAsync(bool kestrel, int rateLimitPermits, string? redis)
    {
        var api = new BankApiFactory(
            await CreateDatabaseAsync(),
            // Rate-limit counters are shared by every API on one Redis (as replicas share them): a strict API gets its own database.
            redis ?? (rateLimitPermits < 1_000 ? Redis.ConnectionString + ",defaultDatabase=1" : Redis.ConnectionString),
            rateLimitPermits);
        if (kestrel)
        {
            // A real socket: streaming responses (SSE) and Kestrel's body limits behave as in production.
            api.UseKestrel(0);
        }

        api.StartServer();
        return api;
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
        foreach (var api in _apis.Values)
        {
            await (await api).DisposeAsync();
        }

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
