using System.Diagnostics;
using Npgsql;
using StackExchange.Redis;

namespace Platform.Hosting.LocalServers.Tests;

/// <summary>What a local server leaves behind when its AppHost goes away.</summary>
public sealed class LocalServersLifetimeTests
{
    [Fact]
    public async Task DisposeAsync_WithClientsConnected_LeavesNoServerProcessBehind()
    {
        using var timeout = TestBuilders.Timeout(120);
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddLocalRedis("redis");
        builder.AddLocalPostgres("pg");
        var app = await builder.BuildAsync(timeout.Token);
        IReadOnlyList<OsProcess> started;
        try
        {
            await app.StartAsync(timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("redis", timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("pg", timeout.Token);

            // Clients that are still connected when the AppHost goes: a PostgreSQL session is a process of its own.
            await using var redisClient = await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync("redis", timeout.Token))!);
            await using var postgresClient = new NpgsqlConnection(await app.GetConnectionStringAsync("pg", timeout.Token));
            await postgresClient.OpenAsync(timeout.Token);

            var redisPid = await app.PidOfAsync("redis", timeout.Token);
            var postgresPid = await app.PidOfAsync("pg", timeout.Token);
            started = [.. OsProcess.TreeOf(redisPid), .. OsProcess.TreeOf(postgresPid)];
            Assert.Equal("redis-server", OsProcess.TryRead(redisPid)?.Name);
            // setpriv execs postgres, so the pid DCP reports is the postmaster's; its workers are its children.
            Assert.Equal("postgres", OsProcess.TryRead(postgresPid)?.Name);
            Assert.True(OsProcess.TreeOf(postgresPid).Count > 1, "the postmaster has no children");

            await app.DisposeAsync();
            await builder.DisposeAsync();
        }
        catch
        {
            await app.DisposeAsync();
            await builder.DisposeAsync();
            throw;
        }

        var clock = Stopwatch.StartNew();
        while (started.Any(process => process.IsAlive) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200, timeout.Token);
        }

        var left = started.Where(process => process.IsAlive).Select(process => $"{process.Name} ({process.Pid})").ToArray();
        Assert.True(left.Length == 0, $"still running 30 s after DisposeAsync: {string.Join(", ", left)}");
    }
}
