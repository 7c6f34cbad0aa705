using Npgsql;

namespace Platform.Hosting.LocalServers.Tests;

/// <summary>The real postgres from the OS packages, started by DCP through the testing builder.</summary>
public sealed class LocalPostgresFunctionalTests
{
    [Fact]
    public async Task AddDatabase_ServerStarts_DatabaseIsCreatedAndAcceptsTheConnectionString()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddLocalPostgres("pg").AddDatabase("appdb");
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);

        await app.ResourceNotifications.WaitForResourceHealthyAsync("appdb", timeout.Token);

        await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync("appdb", timeout.Token));
        await connection.OpenAsync(timeout.Token);
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.Equal("appdb", await command.ExecuteScalarAsync(timeout.Token));
    }
}
