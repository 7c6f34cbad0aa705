namespace Aspire.Hosting.ApplicationModel;

/// <summary>A database on a <see cref="LocalPostgresResource"/>, created when the server is first ready.</summary>
/// <param name="name">The resource name.</param>
/// <param name="databaseName">The database's name on the server.</param>
/// <param name="parent">The server.</param>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    /// <summary>The server.</summary>
    public LocalPostgresResource Parent { get; } = parent;

    /// <summary>The database's name on the server.</summary>
    public string DatabaseName { get; } = databaseName;

    /// <summary>The server's connection string with <c>Database={name}</c>.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
