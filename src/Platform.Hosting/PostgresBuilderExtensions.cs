using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting;

/// <summary>Adds PostgreSQL servers and databases to the app model.</summary>
public static class PostgresBuilderExtensions
{
    /// <summary>
    /// Adds a PostgreSQL server run from the OS's <c>initdb</c> and <c>postgres</c> on 127.0.0.1, superuser <c>postgres</c>
    /// with a generated password (configuration <c>Parameters:{name}-password</c> overrides it). Healthy once <c>SELECT 1</c> succeeds.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var server = new PostgresServerResource(name, ParameterResourceBuilderExtensions.CreateGeneratedPassword(builder, $"{name}-password"));
        server.Annotations.Add(new EndpointAnnotation(PostgresServerResource.PrimaryEndpointName, "tcp", port));
        return builder.AddResource(server);
    }

    /// <summary>Adds a database, created on the server once it is healthy; its connection string names the database.</summary>
    /// <param name="builder">The server.</param>
    /// <param name="name">The resource name (the key under <c>ConnectionStrings__</c>).</param>
    /// <param name="databaseName">The database name in PostgreSQL; <paramref name="name"/> when null.</param>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var database = new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        var added = builder.ApplicationBuilder.AddResource(database);
        builder.Resource.AddDatabase(database);
        return added;
    }

    /// <summary>Keeps the cluster and its password in a persistent folder that survives restarts.</summary>
    public static IResourceBuilder<PostgresServerResource> WithDataVolume(this IResourceBuilder<PostgresServerResource> builder, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Annotations.Replace(new DataVolumeAnnotation(name ?? builder.Resource.Name));
        return builder;
    }
}
