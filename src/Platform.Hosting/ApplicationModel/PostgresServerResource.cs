using Platform.Hosting.Servers;

namespace Platform.Hosting.ApplicationModel;

/// <summary>A PostgreSQL server run from the OS's <c>initdb</c> and <c>postgres</c> on a loopback port with a generated password.</summary>
/// <param name="name">The resource name.</param>
/// <param name="password">The superuser password parameter.</param>
public sealed class PostgresServerResource(string name, ParameterResource password) : Resource(name), IResourceWithConnectionString, IResourceWithEndpoints
{
    /// <summary>The name of the endpoint PostgreSQL listens on.</summary>
    public const string PrimaryEndpointName = "tcp";

    private readonly List<PostgresDatabaseResource> _databases = [];

    /// <summary>The superuser name.</summary>
    public string UserName { get; } = PostgresRecipe.SuperUser;

    /// <summary>The superuser password.</summary>
    public ParameterResource Password { get; } = password;

    /// <summary>The databases created on this server at start.</summary>
    public IReadOnlyList<PostgresDatabaseResource> Databases => _databases;

    /// <summary>The endpoint PostgreSQL listens on.</summary>
    public EndpointAnnotation PrimaryEndpoint => Annotations.OfType<EndpointAnnotation>().First(e => e.Name == PrimaryEndpointName);

    /// <inheritdoc />
    /// <remarks>The server's connection string, to the <c>postgres</c> maintenance database.</remarks>
    public string? GetConnectionString() => GetConnectionString("postgres");

    internal string? GetConnectionString(string database)
        => PrimaryEndpoint.AllocatedPort is { } port ? PostgresRecipe.GetConnectionString(port, Password.Value, database, UserName) : null;

    internal void AddDatabase(PostgresDatabaseResource database) => _databases.Add(database);
}
