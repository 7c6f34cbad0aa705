namespace Platform.Hosting.Servers;

/// <summary>Options for <see cref="LocalPostgresServer"/> and <see cref="LocalRedisServer"/>.</summary>
public sealed class LocalServerOptions
{
    /// <summary>
    /// The data folder. When null, a temporary folder is used and deleted when the server is disposed;
    /// when set, the folder is kept, and a server started on it again finds its data.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>The port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The password; null generates one. A kept data folder needs the password it was created with.</summary>
    public string? Password { get; set; }

    /// <summary>How long to wait for the server to answer its readiness probe.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Extra server settings: PostgreSQL <c>-c name=value</c>; ignored for Redis.</summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    /// <summary>Receives each line the server writes (true for stderr), e.g. to forward to a test's output.</summary>
    public Action<string, bool>? OnOutput { get; set; }
}
