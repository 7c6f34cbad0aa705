using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Actors.PostgreSql.Internal;
using Platform.Actors.Storage;

namespace Platform.Actors.PostgreSql;

/// <summary>Registers <see cref="PostgreSqlGrainStorage"/> as a named (keyed) <see cref="IGrainStorage"/>.</summary>
public static class PostgreSqlGrainStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="PostgreSqlGrainStorage"/> as the keyed singleton <see cref="IGrainStorage"/> named <paramref name="name"/>,
    /// replacing any storage registered under that name (options configured by earlier calls still apply, later ones win).
    /// The runtime resolves it with <c>GetRequiredKeyedService&lt;IGrainStorage&gt;(name)</c>; the container disposes its connection pool.
    /// The serializer is the <see cref="IGrainStateSerializer"/> keyed by <paramref name="name"/>, else the unkeyed one, else
    /// <see cref="JsonGrainStateSerializer.Default"/>.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddPostgreSqlGrainStorage("Default", options => options.ConnectionName = "actorsdb");
    /// </code>
    /// </example>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The storage name grains refer to.</param>
    /// <param name="configure">Sets the options; a connection string or connection name is required.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddPostgreSqlGrainStorage(this IServiceCollection services, string name, Action<PostgreSqlGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<PostgreSqlGrainStorageOptions>(name).Configure(configure);
        services.RemoveAllKeyed<IGrainStorage>(name);
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) => Create(provider, name));
        return services;
    }

    /// <summary>Registers a <see cref="PostgreSqlGrainStorage"/> named <paramref name="name"/> that connects with <paramref name="connectionString"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The storage name grains refer to.</param>
    /// <param name="connectionString">An Npgsql connection string (not a connection name: use the <see cref="IHostApplicationBuilder"/> overload for that).</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddPostgreSqlGrainStorage(this IServiceCollection services, string name, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ConnectionStrings.EnsureLooksLikeConnectionString(connectionString, $"PostgreSQL grain storage '{name}'");
        return services.AddPostgreSqlGrainStorage(name, options => options.ConnectionString = connectionString);
    }

    /// <summary>
    /// Registers a <see cref="PostgreSqlGrainStorage"/> named <paramref name="name"/> that connects with the connection string
    /// <c>ConnectionStrings:{connectionName}</c> from configuration, as the orchestrator provides it (<c>ConnectionStrings__{connectionName}</c>).
    /// </summary>
    /// <example>
    /// <code>
    /// builder.AddPostgreSqlGrainStorage("actorsdb");
    /// </code>
    /// </example>
    /// <param name="builder">The host builder.</param>
    /// <param name="connectionName">The connection string's name in configuration.</param>
    /// <param name="name">The storage name grains refer to; default <c>Default</c>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHostApplicationBuilder AddPostgreSqlGrainStorage(this IHostApplicationBuilder builder, string connectionName, string name = "Default")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        builder.Services.AddPostgreSqlGrainStorage(name, options => options.ConnectionName = connectionName);
        return builder;
    }

    private static PostgreSqlGrainStorage Create(IServiceProvider provider, string name)
    {
        var configured = provider.GetRequiredService<IOptionsMonitor<PostgreSqlGrainStorageOptions>>().Get(name);
        var options = new PostgreSqlGrainStorageOptions
        {
            ConnectionString = ConnectionStrings.Resolve(
                configured.ConnectionString, configured.ConnectionName, provider.GetService<IConfiguration>(), $"PostgreSQL grain storage '{name}'"),
            ConnectionName = configured.ConnectionName,
            Schema = configured.Schema,
            TableName = configured.TableName,
            CreateSchema = configured.CreateSchema,
        };
        var serializer = provider.GetKeyedService<IGrainStateSerializer>(name) ?? provider.GetService<IGrainStateSerializer>();
        var logger = (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<PostgreSqlGrainStorage>();
        return new PostgreSqlGrainStorage(name, options, serializer, logger);
    }
}
