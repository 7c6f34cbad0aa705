using Platform.Hosting.Servers;

namespace Platform.Actors.Tests.Integration;

/// <summary>One real PostgreSQL server for the runtime's integration tests; each test creates its own database.</summary>
public sealed class ActorsPostgresFixture : IAsyncLifetime
{
    private LocalPostgresServer? _server;

    public LocalPostgresServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "actors_" + Guid.NewGuid().ToString("N")[..12];
        await Server.CreateDatabaseAsync(name);
        return Server.GetConnectionString(name);
    }

    public async Task InitializeAsync() => _server = await LocalPostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
