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
public sealed class LocalPostgresServer : LocalServer
{
    private LocalPostgresServer(LocalServerOptions options, string dataDirectory, string? temporaryRoot, int port, string password)
        : base(port, password, dataDirectory, temporaryRoot)
    {
        var settings = new Dictionary<string, string>(options.Settings);
        Server = new ManagedServer(
            "postgres",
            () => PostgresRecipe.CreateCommand(dataDirectory, Port, settings),
            ct => PostgresRecipe.ProbeAsync(GetConnectionString(), ct),
            Native.SigInt, // "fast" shutdown: ends sessions and checkpoints, unlike SIGTERM's wait for clients
            options.StartTimeout,
            options.OnOutput,
            FormattableString.Invariant($"postgres-{port}"),
            temporaryRoot);
    }

    /// <summary>The superuser name, <c>postgres</c>.</summary>
    public string UserName { get; } = PostgresRecipe.SuperUser;

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
        return await StartOnPortAsync(
            options, port => new LocalPostgresServer(options, dataDirectory, temporaryRoot, port, password), "already in use", cancellationToken);
    }

    /// <summary>
    /// The connection string of the contract:
    /// <c>Host=127.0.0.1;Port={port};Username=postgres;Password={password};Database={database}</c>.
    /// </summary>
    public string GetConnectionString(string database = "postgres") => PostgresRecipe.GetConnectionString(Port, Password, database);

    /// <summary>Creates a database unless it exists.</summary>
    public Task CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
        => PostgresRecipe.CreateDatabaseAsync(GetConnectionString(), name, cancellationToken);
}
