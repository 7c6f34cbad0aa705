using System.Net.Sockets;
using System.Text;

namespace Platform.Hosting.Servers;

/// <summary>How to run <c>redis-server</c> on loopback with a password, and how to tell it is ready.</summary>
public static class RedisRecipe
{
    /// <summary>The program and the Debian package that provides it.</summary>
    public const string Binary = "redis-server";

    /// <summary>The Debian package that provides <see cref="Binary"/>.</summary>
    public const string Package = "redis-server";

    /// <summary>
    /// Writes a config file into <paramref name="dataDirectory"/> (so the password is not on the command line)
    /// and returns the command that runs Redis in the foreground on 127.0.0.1:<paramref name="port"/>.
    /// With <paramref name="persistent"/> Redis keeps an append-only file there; otherwise it keeps nothing on disk.
    /// </summary>
    public static ServerCommand CreateCommand(string redisServerPath, int port, string password, string dataDirectory, bool persistent = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(redisServerPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(password);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        Directory.CreateDirectory(dataDirectory);

        var config = new StringBuilder()
            // Both loopback families (the '-' makes ::1 optional where IPv6 is off): "localhost" may resolve to ::1 first.
            .AppendLine("bind 127.0.0.1 -::1")
            .AppendLine(FormattableString.Invariant($"port {port}"))
            .AppendLine("protected-mode yes")
            .AppendLine("daemonize no")
            .AppendLine("logfile \"\"")
            .AppendLine($"dir \"{dataDirectory}\"")
            .AppendLine($"requirepass \"{password}\"")
            .AppendLine(persistent ? "appendonly yes" : "appendonly no")
            .AppendLine(persistent ? "save 60 1" : "save \"\"")
            .ToString();
        var configPath = Path.Combine(dataDirectory, "redis.conf");
        File.WriteAllText(configPath, config);
        UnixFile.MakePrivate(configPath);

        return new ServerCommand(redisServerPath, [configPath], new Dictionary<string, string>(), dataDirectory);
    }

    /// <summary>Builds the connection string of the contract: <c>127.0.0.1:{port},password={password}</c>.</summary>
    public static string GetConnectionString(int port, string password)
        => FormattableString.Invariant($"127.0.0.1:{port},password={password}");

    /// <summary>True when Redis on 127.0.0.1:<paramref name="port"/> accepts the password and answers PING.</summary>
    public static async Task<bool> PingAsync(int port, string password, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            var stream = client.GetStream();
            var request = Encoding.UTF8.GetBytes(
                $"*2\r\n$4\r\nAUTH\r\n${Encoding.UTF8.GetByteCount(password)}\r\n{password}\r\n*1\r\n$4\r\nPING\r\n");
            await stream.WriteAsync(request, cancellationToken);

            // Two replies: +OK to AUTH, then +PONG (or -LOADING while Redis reads its data).
            var buffer = new byte[256];
            var received = new StringBuilder();
            while (CountLines(received) < 2)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    return false;
                }

                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }

            var lines = received.ToString().Split("\r\n");
            return lines[0] == "+OK" && lines[1] == "+PONG";
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int CountLines(StringBuilder text)
    {
        var count = 0;
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i - 1] == '\r' && text[i] == '\n')
            {
                count++;
            }
        }

        return count;
    }
}
