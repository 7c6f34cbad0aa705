namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A PostgreSQL server run by the AppHost from the OS's <c>postgres</c>, on 127.0.0.1 with a password; as the
/// <c>postgres</c> system user when the AppHost runs as root, because PostgreSQL refuses to run as root.
/// Its connection string has the format of Aspire's own PostgreSQL resource:
/// <c>Host={host};Port={port};Username=postgres;Password={password}</c>.
/// </summary>
/// <param name="name">The resource name.</param>
/// <param name="command">The program started: <c>postgres</c>, or <c>setpriv</c> wrapping it when root.</param>
/// <param name="workingDirectory">The working directory.</param>
/// <param name="password">The superuser's password.</param>
public sealed class LocalPostgresResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    private readonly Dictionary<string, string> _databases = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The superuser the cluster is created with.</summary>
    public string UserName { get; } = Platform.Hosting.Servers.PostgresRecipe.SuperUser;

    /// <summary>The superuser's password.</summary>
    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>The server's TCP endpoint.</summary>
    public EndpointReference PrimaryEndpoint => field ??= new EndpointReference(this, PrimaryEndpointName);

    /// <summary>
    /// Where the cluster's files are, once the server has been started: a folder kept across runs with
    /// <c>WithPersistentData</c>, else a folder of this run that is deleted when the AppHost stops.
    /// </summary>
    public string? DataDirectory { get; internal set; }

    /// <summary>The databases created on this server, by resource name.</summary>
    public IReadOnlyDictionary<string, string> Databases => _databases;

    /// <summary><c>Host={host};Port={port};Username=postgres;Password={password}</c>, as <c>Aspire.Npgsql</c> expects.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={PasswordParameter}");

    internal void AddDatabase(string resourceName, string databaseName) => _databases.TryAdd(resourceName, databaseName);
}
