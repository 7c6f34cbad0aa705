namespace Platform.Hosting.Servers;

/// <summary>A real Redis server from the OS binaries, on 127.0.0.1 with a generated password: for test fixtures and tools.</summary>
/// <example>
/// <code>
/// await using var redis = await LocalRedisServer.StartAsync();
/// var connection = ConnectionMultiplexer.Connect(redis.ConnectionString);
/// </code>
/// </example>
public sealed class LocalRedisServer : IAsyncDisposable
{
    private readonly ManagedServer _server;
    private readonly string? _temporaryRoot;

    private LocalRedisServer(LocalServerOptions options, string redisServer, string dataDirectory, string? temporaryRoot, int port, string password)
    {
        DataDirectory = dataDirectory;
        _temporaryRoot = temporaryRoot;
        Port = port;
        Password = password;
        var persistent = temporaryRoot is null;
        _server = new ManagedServer(
            "redis",
            () => RedisRecipe.CreateCommand(redisServer, Port, Password, dataDirectory, persistent),
            ct => RedisRecipe.PingAsync(Port, Password, ct),
            Native.SigTerm,
            options.StartTimeout,
            options.OnOutput,
            FormattableString.Invariant($"redis-{port}"),
            temporaryRoot);
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The password (Redis <c>requirepass</c>).</summary>
    public string Password { get; }

    /// <summary>The folder Redis works in (its config and, when kept, its append-only file).</summary>
    public string DataDirectory { get; }

    /// <summary>The connection string of the contract: <c>127.0.0.1:{port},password={password}</c>.</summary>
    public string ConnectionString => RedisRecipe.GetConnectionString(Port, Password);

    /// <summary>True while the server process runs.</summary>
    public bool IsRunning => _server.IsRunning;

    /// <summary>The server's process id while it runs.</summary>
    public int? ProcessId => _server.ProcessId;

    /// <summary>Starts Redis and waits until it answers PING.</summary>
    /// <exception cref="MissingBinaryException">redis-server is not installed.</exception>
    public static Task<LocalRedisServer> StartAsync(CancellationToken cancellationToken = default)
        => StartAsync(new LocalServerOptions(), cancellationToken);

    /// <inheritdoc cref="StartAsync(CancellationToken)"/>
    public static async Task<LocalRedisServer> StartAsync(LocalServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var redisServer = OsBinary.Find(RedisRecipe.Binary, RedisRecipe.Package);
        string? temporaryRoot = null;
        var dataDirectory = options.DataDirectory;
        if (dataDirectory is null)
        {
            temporaryRoot = Directory.CreateTempSubdirectory("platform-redis-").FullName;
            dataDirectory = temporaryRoot;
        }

        var password = options.Password ?? Secrets.NewPassword();
        for (var attempt = 1; ; attempt++)
        {
            var server = new LocalRedisServer(options, redisServer, dataDirectory, temporaryRoot, options.Port == 0 ? FreePort.Next() : options.Port, password);
            try
            {
                await server._server.StartAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException) when (options.Port == 0 && attempt < 3 && server._server.GetRecentOutput().Contains("Address already in use", StringComparison.Ordinal))
            {
                await server._server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// Starts the server again on the same port and data: after <see cref="StopAsync"/> or <see cref="KillAsync"/>,
    /// or, when it still runs, after stopping it gracefully.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await _server.StopAsync();
        await _server.StartAsync(cancellationToken);
    }

    /// <summary>Stops Redis gracefully, killing it if it does not stop in time.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _server.StopAsync().WaitAsync(cancellationToken);

    /// <summary>Kills Redis at once, as a crash would.</summary>
    public Task KillAsync() => _server.KillAsync();

    /// <summary>Stops Redis and deletes its folder when it was temporary.</summary>
    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        if (_temporaryRoot is not null && Directory.Exists(_temporaryRoot))
        {
            Directory.Delete(_temporaryRoot, recursive: true);
        }
    }
}
