namespace Platform.Hosting.Servers;

/// <summary>
/// A real server from the OS binaries on 127.0.0.1 with a generated password, for test fixtures and tools:
/// the lifecycle <see cref="LocalPostgresServer"/> and <see cref="LocalRedisServer"/> share.
/// </summary>
public abstract class LocalServer : IAsyncDisposable
{
    private readonly string? _temporaryRoot;

    private protected LocalServer(int port, string password, string dataDirectory, string? temporaryRoot)
    {
        Port = port;
        Password = password;
        DataDirectory = dataDirectory;
        _temporaryRoot = temporaryRoot;
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The password.</summary>
    public string Password { get; }

    /// <summary>The folder that holds the server's data.</summary>
    public string DataDirectory { get; }

    /// <summary>True while the server process runs.</summary>
    public bool IsRunning => Server.IsRunning;

    /// <summary>The server's process id while it runs.</summary>
    public int? ProcessId => Server.ProcessId;

    private protected ManagedServer Server { get; init; } = null!;

    /// <summary>
    /// Starts the server again on the same port and data: after <see cref="StopAsync"/> or <see cref="KillAsync"/>,
    /// or, when it still runs, after stopping it gracefully.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await Server.StopAsync();
        await Server.StartAsync(cancellationToken);
    }

    /// <summary>Stops the server gracefully, killing it if it does not stop in time.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => Server.StopAsync().WaitAsync(cancellationToken);

    /// <summary>Kills the server (and its children) at once, as a crash would.</summary>
    public Task KillAsync() => Server.KillAsync();

    /// <summary>Stops the server and deletes its data when the data folder was temporary.</summary>
    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        if (_temporaryRoot is not null && Directory.Exists(_temporaryRoot))
        {
            Directory.Delete(_temporaryRoot, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    // A port chosen here can be taken before the server binds it: with a free port requested, try a few.
    private protected static async Task<TServer> StartOnPortAsync<TServer>(
        LocalServerOptions options, Func<int, TServer> create, string portInUseMessage, CancellationToken cancellationToken)
        where TServer : LocalServer
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = create(options.Port == 0 ? FreePort.Next() : options.Port);
            try
            {
                await server.Server.StartAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException) when (options.Port == 0 && attempt < 3 && server.Server.GetRecentOutput().Contains(portInUseMessage, StringComparison.Ordinal))
            {
                await server.Server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }
}
