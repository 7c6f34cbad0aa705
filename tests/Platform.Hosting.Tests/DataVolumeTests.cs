using Npgsql;
using Platform.Hosting.Testing;

namespace Platform.Hosting.Tests;

public sealed class DataVolumeTests
{
    [Fact]
    public async Task WithDataVolume_Postgres_KeepsDataAndPasswordAcrossRuns()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "platform-volume-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var first = await RunAsync(dataDirectory, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (7); SELECT count(*) FROM kept");
            var second = await RunAsync(dataDirectory, "SELECT count(*) FROM kept");

            Assert.Equal(1L, first.Result);
            Assert.Equal(1L, second.Result);
            Assert.Equal(PasswordOf(first.ConnectionString), PasswordOf(second.ConnectionString));
            Assert.True(File.Exists(Path.Combine(dataDirectory, "pg", "PG_VERSION")));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<(object? Result, string ConnectionString)> RunAsync(string dataDirectory, string sql)
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.Options.DataDirectory = dataDirectory;
        builder.AddPostgres("pg").WithDataVolume().AddDatabase("db");
        await using var app = await builder.BuildAsync();
        await app.StartAsync(TestTimeout.Token());
        await app.WaitForResourceHealthyAsync("db", TestTimeout.Token());

        var connectionString = await app.GetConnectionStringAsync("db");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestTimeout.Token());
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync(TestTimeout.Token()), connectionString);
    }

    private static string PasswordOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Password!;
}
