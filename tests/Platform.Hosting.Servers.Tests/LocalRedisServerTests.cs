using System.Net.Sockets;
using System.Text;

namespace Platform.Hosting.Servers.Tests;

public sealed class LocalRedisServerTests
{
    [Fact]
    public async Task StartAsync_FreshServer_AnswersPingWithItsPasswordOnly()
    {
        await using var redis = await LocalRedisServer.StartAsync();

        Assert.True(await RedisRecipe.PingAsync(redis.Port, redis.Password));
        Assert.False(await RedisRecipe.PingAsync(redis.Port, "wrong-password"));
        Assert.StartsWith("-NOAUTH", await SendRawAsync(redis.Port, "PING\r\n"));
        Assert.Equal($"127.0.0.1:{redis.Port},password={redis.Password}", redis.ConnectionString);
    }

    [Fact]
    public async Task KillAsync_ThenRestart_ServesAgainOnTheSamePort()
    {
        await using var redis = await LocalRedisServer.StartAsync();
        var pid = redis.ProcessId!.Value;

        await redis.KillAsync();
        await ProcStatus.WaitUntilGoneAsync(pid);
        Assert.False(await RedisRecipe.PingAsync(redis.Port, redis.Password));

        await redis.RestartAsync();
        Assert.True(await RedisRecipe.PingAsync(redis.Port, redis.Password));
        Assert.NotEqual(pid, redis.ProcessId);
    }

    [Fact]
    public async Task StartAsync_PasswordIsNotOnTheCommandLine()
    {
        await using var redis = await LocalRedisServer.StartAsync();
        var commandLine = await File.ReadAllTextAsync($"/proc/{redis.ProcessId}/cmdline");

        Assert.DoesNotContain(redis.Password, commandLine);
    }

    private static async Task<string> SendRawAsync(int port, string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(command));
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
