using Npgsql;
using Platform.Hosting.Testing;

namespace Platform.Hosting.Tests;

public sealed class AppHostTests
{
    [Fact]
    public async Task CreateAsync_AppHostProgram_RunsItsModelWithTestFoldersAndOverrides()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(TestTimeout.Token());
        builder.Configuration["Parameters:postgres-password"] = "overridden-in-test";

        Assert.Equal(["redis", "postgres", "bankdb", "actors-cluster-secret", "silo", "api"], builder.Resources.Select(r => r.Name));
        Assert.StartsWith(Path.GetTempPath(), builder.Options.DataDirectory);

        await using var app = await builder.BuildAsync();
        await app.StartAsync(TestTimeout.Token());
        await app.WaitForResourceHealthyAsync("bankdb", TestTimeout.Token());
        await app.WaitForResourceHealthyAsync("redis", TestTimeout.Token());

        var connectionString = await app.GetConnectionStringAsync("bankdb");
        Assert.Contains("Password=overridden-in-test", connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestTimeout.Token());
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.Equal("bankdb", await command.ExecuteScalarAsync(TestTimeout.Token()));

        // WithDataVolume in the AppHost: in a test the volume lives in the test's own folder.
        Assert.True(File.Exists(Path.Combine(builder.Options.DataDirectory!, "postgres", "PG_VERSION")));
    }
}
