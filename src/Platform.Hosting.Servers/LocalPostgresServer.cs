namespace Platform.Hosting.Servers;

/// <summary>
/// A real PostgreSQL server from the OS binaries, on 127.0.0.1 with a generated password: for test
/// fixtures and tools. As root it runs as the <c>postgres</c> user, since PostgreSQL refuses root.
/// </summary>
/// <example>
/// <code>
/// await using var pg = await LocalPostgresServer.StartAsync();
/// await pg.CreateDatabaseAsync("bankdb");
/// var connectionString = pg.GetConnectionString("bankdb");
/// </code>
/// </example>
public sealed class LocalPostgresServer : IAsyncDisposable
{
    private readonly ManagedServer _server;
    private readonly string? _temporaryRoot;

    private LocalPostgresServer(LocalServerOptions options, string dataDirectory, string? temporaryRoot, int port, string password)
    {
        DataDirectory = dataDirectory;
        _temporaryRoot = temporaryRoot;
        Port = port;
        Password = password;
        var settings = new Dictionary<string, string>(options.Settings);
        _server = new ManagedServer(
            "postgres",
            () => PostgresRecipe.CreateCommand(dataDirectory, Port, settings),
            ct => PostgresRecipe.ProbeAsync(GetConnectionString(), ct),
            Native.SigInt, // "fast" shutdown: ends sessions and checkpoints, unlike SIGTERM's wait for clients
            options.StartTimeout,
            options.OnOutput,
            FormattableString.Invariant($"postgres-{port}"),
            temporaryRoot);
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The superuser password.</summary>
    public string Password { get; }

    /// <summary>The superuser name, <c>postgres</c>.</summary>
    public string UserName { get; } = PostgresRecipe.SuperUser;

    /// <summary>The folder that holds the cluster.</summary>
    public string DataDirectory { get; }

    /// <summary>True while the server process runs.</summary>
    public bool IsRunning => _server.IsRunning;

    /// <summary>The server's process id while it runs.</summary>
    public int? ProcessId => _server.ProcessId;

    /// <summary>Creates (or reuses) a cluster, starts the server and waits until it answers <c>SELECT 1</c>.</summary>
    /// <exception cref="MissingBinaryException">PostgreSQL is not installed.</exception>
    public static Task<LocalPostgresServer> StartAsync(CancellationToken cancellationToken = default)
        => StartAsync(new LocalServerOptions(), cancellationToken);

    /// <inheritdoc cref="StartAsync(CancellationToken)"/>
    public static async Task<LocalPostgresServer> StartAsync(LocalServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        OsBinary.Find("initdb", PostgresRecipe.Package);

        string? temporaryRoot = null;
        var dataDirectory = options.DataDirectory;
        if (dataDirectory is null)
        {
            temporaryRoot = Directory.CreateTempSubdirectory("platform-pg-").FullName;
            await RunAs.ChownAsync(PostgresRecipe.SystemUser, temporaryRoot, cancellationToken);
            dataDirectory = Path.Combine(temporaryRoot, "data");
        }

        var password = options.Password ?? Secrets.NewPassword();
        await PostgresRecipe.InitializeDataDirectoryAsync(dataDirectory, password, cancellationToken);

        // A port chosen here can be taken before the server binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var server = new LocalPostgresServer(options, dataDirectory, temporaryRoot, options.Port == 0 ? FreePort.Next() : options.Port, password);
            try
            {
                await server._server.StartAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException) when (options.Port == 0 && attempt < 3 && server._server.GetRecentOutput().Contains("already in use", StringComparison.Ordinal))
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
    /// The connection string of the contract:
    /// <c>Host=127.0.0.1;Port={port};Username=postgres;Password={password};Database={database}</c>.
    /// </summary>
    public string GetConnectionString(string database = "postgres") => PostgresRecipe.GetConnectionString(Port, Password, database);

    /// <summary>Creates a database unless it exists.</summary>
    public Task CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
        => PostgresRecipe.CreateDatabaseAsync(GetConnectionString(), name, cancellationToken);

    /// <summary>
    /// Starts the server again on the same port and data: after <see cref="StopAsync"/> or <see cref="KillAsync"/>,
    /// or, when it still runs, after stopping it gracefully.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await _server.StopAsync();
        await _server.StartAsync(cancellationToken);
    }

    /// <summary>Stops the server gracefully (a fast shutdown), killing it if it does not stop in time.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _server.StopAsync().WaitAsync(cancellationToken);

    /// <summary>Kills the server and its backends at once, as a crash would.</summary>
    public Task KillAsync() => _server.KillAsync();

    /// <summary>Stops the server and deletes its data when the data folder was temporary.</summary>
    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        if (_temporaryRoot is not null && Directory.Exists(_temporaryRoot))
        {
            Directory.Delete(_temporaryRoot, recursive: true);
        }
    }
}
