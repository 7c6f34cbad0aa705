using Npgsql;

namespace Platform.Hosting.Servers.Tests;

public sealed class LocalPostgresServerTests
{
    [Fact]
    public async Task StartAsync_FreshServer_AcceptsItsPasswordAndCreatesDatabases()
    {
        await using var pg = await LocalPostgresServer.StartAsync();
        await pg.CreateDatabaseAsync("bankdb");
        await pg.CreateDatabaseAsync("bankdb"); // idempotent

        await using var connection = new NpgsqlConnection(pg.GetConnectionString("bankdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.Equal("bankdb", await command.ExecuteScalarAsync());
        Assert.Equal($"Host=127.0.0.1;Port={pg.Port};Username=postgres;Password={pg.Password};Database=bankdb", pg.GetConnectionString("bankdb"));
    }

    [Fact]
    public async Task StartAsync_WrongPassword_IsRejected()
    {
        await using var pg = await LocalPostgresServer.StartAsync();
        var wrong = PostgresRecipe.GetConnectionString(pg.Port, "not-the-password");

        Assert.False(await PostgresRecipe.ProbeAsync(wrong));
        Assert.True(await PostgresRecipe.ProbeAsync(pg.GetConnectionString()));
    }

    [Fact]
    public async Task StartAsync_AsRoot_RunsAsPostgresUserOnLoopback()
    {
        await using var pg = await LocalPostgresServer.StartAsync();
        var uid = ProcStatus.RealUserId(pg.ProcessId!.Value);

        if (OsBinary.IsRoot)
        {
            Assert.NotEqual(0u, uid);
        }

        var listening = await File.ReadAllTextAsync("/proc/net/tcp");
        var portHex = pg.Port.ToString("X4");
        Assert.Contains($"0100007F:{portHex}", listening); // 127.0.0.1, not 0.0.0.0
        Assert.DoesNotContain($"00000000:{portHex}", listening);
    }

    [Fact]
    public async Task KillAsync_ThenRestart_KeepsCommittedData()
    {
        await using var pg = await LocalPostgresServer.StartAsync();
        await Execute(pg, "CREATE TABLE ledger(id int primary key); INSERT INTO ledger VALUES (1), (2);");
        var pid = pg.ProcessId!.Value;

        await pg.KillAsync();
        await ProcStatus.WaitUntilGoneAsync(pid);
        Assert.False(ProcStatus.IsAlive(pid));
        Assert.False(await PostgresRecipe.ProbeAsync(pg.GetConnectionString()));

        await pg.RestartAsync();
        Assert.Equal(2L, await Execute(pg, "SELECT count(*) FROM ledger"));
    }

    [Fact]
    public async Task DisposeAsync_TemporaryServer_LeavesNoProcessAndNoData()
    {
        var pg = await LocalPostgresServer.StartAsync();
        var pid = pg.ProcessId!.Value;
        var data = pg.DataDirectory;

        await pg.DisposeAsync();
        await ProcStatus.WaitUntilGoneAsync(pid);

        Assert.False(ProcStatus.IsAlive(pid));
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public async Task StartAsync_KeptDataDirectory_FindsItsDataAgain()
    {
        var root = Directory.CreateTempSubdirectory("servers-test-");
        try
        {
            if (OsBinary.IsRoot)
            {
                // The postgres user must be able to pass through the folder above its data.
                File.SetUnixFileMode(root.FullName, (UnixFileMode)0b111_101_101);
            }

            var options = new LocalServerOptions { DataDirectory = Path.Combine(root.FullName, "pg"), Password = Secrets.NewPassword() };
            await using (var first = await LocalPostgresServer.StartAsync(options))
            {
                await Execute(first, "CREATE TABLE kept(x int); INSERT INTO kept VALUES (42);");
            }

            await using var second = await LocalPostgresServer.StartAsync(options);
            Assert.Equal(42, await Execute(second, "SELECT x FROM kept"));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static async Task<object?> Execute(LocalPostgresServer pg, string sql)
    {
        // Unpooled: a pooled connection from before a kill would fail its first use after the restart.
        var unpooled = new NpgsqlConnectionStringBuilder(pg.GetConnectionString()) { Pooling = false };
        await using var connection = new NpgsqlConnection(unpooled.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
