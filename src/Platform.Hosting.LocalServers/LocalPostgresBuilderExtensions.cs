using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Hosting.Servers;

namespace Aspire.Hosting;

/// <summary>Adds PostgreSQL to the app model as a local process, with no container engine.</summary>
public static class LocalPostgresBuilderExtensions
{
    /// <summary>
    /// Adds a PostgreSQL server. When the AppHost runs, it is the OS's <c>postgres</c> on 127.0.0.1, on a free port,
    /// with the generated superuser password <c>Parameters:{name}-password</c> (kept in the AppHost's user secrets);
    /// as the <c>postgres</c> system user when the AppHost is root. The cluster is created with <c>initdb</c> at the
    /// first start. Healthy once it accepts the password. A missing <c>postgresql</c> package is installed with
    /// apt-get when the AppHost may; otherwise the resource fails naming the package.
    /// When publishing, or with <c>LocalServers:UseContainers=true</c>, it is Aspire's own PostgreSQL container instead.
    /// </summary>
    /// <param name="builder">The AppHost's builder.</param>
    /// <param name="name">The resource name.</param>
    /// <returns>The server, with a connection string in the format of Aspire's PostgreSQL resource.</returns>
    /// <example>
    /// <code>
    /// var db = builder.AddLocalPostgres("postgres").WithPersistentData().AddDatabase("appdb");
    /// builder.AddProject&lt;Projects.Api&gt;("api").WithReference(db).WaitFor(db);
    /// </code>
    /// </example>
    public static IResourceBuilder<IResourceWithConnectionString> AddLocalPostgres(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (LocalServers.UseContainers(builder))
        {
            // Letters and digits only, as for the local server: the password goes into a ';'-separated connection string
            // and, deployed, into a container app template as a quoted YAML string, where some symbols would break either.
            var containerPassword = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
            return builder.AddPostgres(name, password: builder.CreateResourceBuilder(containerPassword));
        }

        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var postgres = LocalServers.TryEnsureBinary("postgres", PostgresRecipe.Package);
        var workingDirectory = LocalServers.RunDirectory(builder, name);
        // PostgreSQL refuses to run as root: setpriv drops to the postgres user and then execs it, so the pid is the server's.
        var command = OsBinary.IsRoot ? OsBinary.TryFind("setpriv") ?? "setpriv" : postgres ?? "postgres";
        var resource = new LocalPostgresResource(name, command, workingDirectory, password);
        var port = FreePort.Next();

        var healthCheckKey = LocalServers.AddReadinessCheck(
            builder,
            name,
            async cancellationToken => resource.DataDirectory is { } dataDirectory
                && await PostgresRecipe.EnsurePasswordAsync(dataDirectory, port, await password.GetValueAsync(cancellationToken) ?? "", cancellationToken),
            $"postgres on 127.0.0.1:{port} does not accept logins yet");

        return builder.AddResource(resource)
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: LocalPostgresResource.PrimaryEndpointName, isProxied: false)
            .OnBeforeResourceStarted(async (server, @event, cancellationToken) =>
            {
                if (postgres is null)
                {
                    throw new MissingBinaryException("postgres", PostgresRecipe.Package);
                }

                Directory.CreateDirectory(workingDirectory);
                server.DataDirectory = DataDirectoryOf(server, @event.Services, builder.AppHostDirectory, workingDirectory);
                // The Unix socket lives in the data folder, and a socket's path may not pass 107 bytes.
                if (Path.Combine(server.DataDirectory, $".s.PGSQL.{port}").Length > 107)
                {
                    throw new InvalidOperationException(
                        $"'{server.DataDirectory}' is too long for PostgreSQL's Unix socket (107 characters with '.s.PGSQL.{port}'): " +
                        "set LocalServers:DataDirectory to a shorter folder, e.g. /var/tmp/localservers.");
                }

                await PostgresRecipe.InitializeDataDirectoryAsync(server.DataDirectory, await password.GetValueAsync(cancellationToken) ?? "", cancellationToken);
            })
            .WithArgs(context =>
            {
                var dataDirectory = resource.DataDirectory
                    ?? throw new InvalidOperationException($"'{resource.Name}' has no data folder yet: its arguments are only known once it starts.");
                foreach (var argument in PostgresRecipe.CreateCommand(dataDirectory, port).Arguments)
                {
                    context.Args.Add(argument);
                }
            })
            .OnResourceReady(async (server, _, cancellationToken) =>
            {
                var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken)
                    ?? throw new InvalidOperationException($"'{server.Name}' has no connection string.");
                foreach (var database in server.Databases.Values)
                {
                    await PostgresRecipe.CreateDatabaseAsync(connectionString, database, cancellationToken);
                }
            })
            .WithHealthCheck(healthCheckKey)
            .WithIconName("Database");
    }

    /// <summary>
    /// Adds a database to a server from <see cref="AddLocalPostgres"/>: created when the server is first ready, healthy
    /// once it accepts a login. In containers, Aspire's own <c>AddDatabase</c>.
    /// </summary>
    /// <param name="builder">The server.</param>
    /// <param name="name">The resource name, which is also the connection string's name.</param>
    /// <param name="databaseName">The database's name on the server; <paramref name="name"/> when omitted.</param>
    /// <returns>The database, whose connection string is the server's with <c>Database={databaseName}</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="builder"/> is not a PostgreSQL server.</exception>
    public static IResourceBuilder<IResourceWithConnectionString> AddDatabase(
        this IResourceBuilder<IResourceWithConnectionString> builder, [ResourceName] string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        databaseName ??= name;
        switch (builder.Resource)
        {
            case PostgresServerResource server:
                // A builder made by CreateResourceBuilder(IResourceWithConnectionString) is not an IResourceBuilder<PostgresServerResource>.
                return builder.ApplicationBuilder.CreateResourceBuilder(server).AddDatabase(name, databaseName);
            case LocalPostgresResource server:
                server.AddDatabase(name, databaseName);
                var database = new LocalPostgresDatabaseResource(name, databaseName, server);
                var healthCheckKey = LocalServers.AddReadinessCheck(
                    builder.ApplicationBuilder,
                    name,
                    async cancellationToken => await database.ConnectionStringExpression.GetValueAsync(cancellationToken) is { } connectionString
                        && await PostgresRecipe.ProbeAsync(connectionString, cancellationToken),
                    $"database '{databaseName}' on '{server.Name}' does not accept logins yet");
                return builder.ApplicationBuilder.AddResource(database)
                    .WithInitialState(new CustomResourceSnapshot { ResourceType = "PostgresDatabase", Properties = [], State = KnownResourceStates.NotStarted })
                    .OnInitializeResource(MirrorServerStateAsync)
                    .WithHealthCheck(healthCheckKey)
                    .WithIconName("Database");
            default:
                throw new ArgumentException(
                    $"'{builder.Resource.Name}' is a {builder.Resource.GetType().Name}, not a PostgreSQL server: call AddDatabase on the result of AddLocalPostgres.",
                    nameof(builder));
        }
    }

    /// <summary>
    /// Keeps the server's data across runs: a folder under <c>LocalServers:DataDirectory</c> (default
    /// <c>{AppHost}/.localservers/{name}</c>) when local, a volume named <c>{name}-data</c> in a container. Without it a local server's
    /// data lives in a folder of the run that is deleted when the AppHost stops.
    /// </summary>
    /// <param name="builder">The server.</param>
    /// <returns>The same builder. A second call changes nothing.</returns>
    /// <exception cref="ArgumentException"><paramref name="builder"/> is not a PostgreSQL server.</exception>
    public static IResourceBuilder<IResourceWithConnectionString> WithPersistentData(this IResourceBuilder<IResourceWithConnectionString> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        switch (builder.Resource)
        {
            case PostgresServerResource server when !server.Annotations.OfType<ContainerMountAnnotation>().Any():
                // Named after the resource, not Aspire's default (which hashes the AppHost's folder), so every machine deploys the same volume.
                builder.ApplicationBuilder.CreateResourceBuilder(server).WithDataVolume($"{server.Name}-data");
                return builder;
            case PostgresServerResource:
                return builder;
            case LocalPostgresResource when !builder.Resource.Annotations.OfType<PersistentDataAnnotation>().Any():
                builder.Resource.Annotations.Add(PersistentDataAnnotation.Instance);
                return builder;
            case LocalPostgresResource:
                return builder;
            default:
                throw new ArgumentException(
                    $"'{builder.Resource.Name}' is a {builder.Resource.GetType().Name}, not a PostgreSQL server: call WithPersistentData on the result of AddLocalPostgres.",
                    nameof(builder));
        }
    }

    /// <summary>
    /// Aspire gives a child its parent's state only when the parent is a container; a database on a local server
    /// follows its server here, so WaitFor and the dashboard see it start, run and stop with it.
    /// </summary>
    private static async Task MirrorServerStateAsync(LocalPostgresDatabaseResource database, InitializeResourceEvent @event, CancellationToken cancellationToken)
    {
        await foreach (var update in @event.Notifications.WatchAsync(cancellationToken))
        {
            if (update.Resource != database.Parent)
            {
                continue;
            }

            var server = update.Snapshot;
            await @event.Notifications.PublishUpdateAsync(database, snapshot => snapshot with
            {
                State = server.State,
                StartTimeStamp = server.StartTimeStamp,
                StopTimeStamp = server.StopTimeStamp,
            });
        }
    }

    private static string DataDirectoryOf(LocalPostgresResource server, IServiceProvider services, string appHostDirectory, string runDirectory)
    {
        if (!server.Annotations.OfType<PersistentDataAnnotation>().Any())
        {
            return Path.Combine(runDirectory, "data");
        }

        var configuration = services.GetRequiredService<IConfiguration>();
        var dataDirectory = LocalServers.PersistentDirectory(configuration, appHostDirectory, server.Name);
        // Only at the first start of this run: a restart from the dashboard must not wipe what the run wrote.
        var firstStart = server.DataDirectory is null;
        if (firstStart && configuration.GetValue<bool>(LocalServers.ResetDataKey) && Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        return dataDirectory;
    }

    /// <summary>Marks a local server whose data is kept across runs.</summary>
    private sealed class PersistentDataAnnotation : IResourceAnnotation
    {
        public static readonly PersistentDataAnnotation Instance = new();
    }
}
