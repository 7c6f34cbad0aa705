namespace Platform.Hosting.Servers;

/// <summary>A real Redis server from the OS binaries, on 127.0.0.1 with a generated password: for test fixtures and tools.</summary>
/// <example>
/// <code>
/// await using var redis = await LocalRedisServer.StartAsync();
/// var connection = ConnectionMultiplexer.Connect(redis.ConnectionString);
/// </code>
/// </example>
public sealed class LocalRedisServer : LocalServer
{
    private LocalRedisServer(LocalServerOptions options, string redisServer, string dataDirectory, string? temporaryRoot, int port, string password)
        : base(port, password, dataDirectory, temporaryRoot)
    {
        // A kept folder gets an append-only file, so the data survives a restart; a throwaway one keeps nothing on disk.
        var persistent = temporaryRoot is null;
        Server = new ManagedServer(
            "redis",
            () => RedisRecipe.CreateCommand(redisServer, Port, Password, dataDirectory, persistent),
            ct => RedisRecipe.PingAsync(Port, Password, ct),
            Native.SigTerm,
            options.StartTimeout,
            options.OnOutput,
            FormattableString.Invariant($"redis-{port}"),
            temporaryRoot);
    }

    /// <summary>The connection string of the contract: <c>127.0.0.1:{port},password={password}</c>.</summary>
    public string ConnectionString => RedisRecipe.GetConnectionString(Port, Password);

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
        return await StartOnPortAsync(
            options, port => new LocalRedisServer(options, redisServer, dataDirectory, temporaryRoot, port, password), "Address already in use", cancellationToken);
    }
}
