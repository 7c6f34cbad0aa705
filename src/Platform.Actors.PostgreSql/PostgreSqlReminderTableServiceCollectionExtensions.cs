using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Actors.PostgreSql.Internal;
using Platform.Actors.Reminders;

namespace Platform.Actors.PostgreSql;

/// <summary>Registers <see cref="PostgreSqlReminderTable"/> as the <see cref="IReminderTable"/>.</summary>
public static class PostgreSqlReminderTableServiceCollectionExtensions
{
    private const string Provider = "The PostgreSQL reminder table";

    /// <summary>
    /// Registers a <see cref="PostgreSqlReminderTable"/> as the singleton <see cref="IReminderTable"/>, replacing any registered before
    /// (options configured by earlier calls still apply, later ones win). The container disposes its connection pool.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddPostgreSqlReminderTable(options => options.ConnectionName = "actorsdb");
    /// </code>
    /// </example>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; a connection string or connection name is required.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddPostgreSqlReminderTable(this IServiceCollection services, Action<PostgreSqlReminderTableOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<PostgreSqlReminderTableOptions>().Configure(configure);
        services.RemoveAll<IReminderTable>();
        services.AddSingleton<IReminderTable>(Create);
        return services;
    }

    /// <summary>Registers a <see cref="PostgreSqlReminderTable"/> that connects with <paramref name="connectionString"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionString">An Npgsql connection string (not a connection name: use the <see cref="IHostApplicationBuilder"/> overload for that).</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddPostgreSqlReminderTable(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ConnectionStrings.EnsureLooksLikeConnectionString(connectionString, Provider);
        return services.AddPostgreSqlReminderTable(options => options.ConnectionString = connectionString);
    }

    /// <summary>
    /// Registers a <see cref="PostgreSqlReminderTable"/> that connects with the connection string <c>ConnectionStrings:{connectionName}</c>
    /// from configuration, as the orchestrator provides it (<c>ConnectionStrings__{connectionName}</c>).
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="connectionName">The connection string's name in configuration.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHostApplicationBuilder AddPostgreSqlReminderTable(this IHostApplicationBuilder builder, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        builder.Services.AddPostgreSqlReminderTable(options => options.ConnectionName = connectionName);
        return builder;
    }

    private static PostgreSqlReminderTable Create(IServiceProvider provider)
    {
        var configured = provider.GetRequiredService<IOptions<PostgreSqlReminderTableOptions>>().Value;
        var options = new PostgreSqlReminderTableOptions
        {
            ConnectionString = ConnectionStrings.Resolve(configured.ConnectionString, configured.ConnectionName, provider.GetService<IConfiguration>(), Provider),
            ConnectionName = configured.ConnectionName,
            Schema = configured.Schema,
            TableName = configured.TableName,
            CreateSchema = configured.CreateSchema,
        };
        var logger = (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<PostgreSqlReminderTable>();
        return new PostgreSqlReminderTable(options, logger);
    }
}
