namespace Platform.Hosting.ApplicationModel;

/// <summary>A database created on a <see cref="PostgresServerResource"/> when the server is healthy.</summary>
/// <param name="name">The resource name (the key under <c>ConnectionStrings__</c>).</param>
/// <param name="databaseName">The database name in PostgreSQL.</param>
/// <param name="parent">The server.</param>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithParent, IResourceWithConnectionString
{
    /// <summary>The database name in PostgreSQL.</summary>
    public string DatabaseName { get; } = databaseName;

    /// <summary>The server the database lives on.</summary>
    public PostgresServerResource Server { get; } = parent;

    /// <inheritdoc />
    public IResource Parent => Server;

    /// <inheritdoc />
    /// <remarks>The contract's format: <c>Host=127.0.0.1;Port={port};Username={user};Password={pw};Database={db}</c>.</remarks>
    public string? GetConnectionString() => Server.GetConnectionString(DatabaseName);
}
