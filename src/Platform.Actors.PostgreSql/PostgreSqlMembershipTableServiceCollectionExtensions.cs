using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Actors.Membership;
using Platform.Actors.PostgreSql.Internal;

namespace Platform.Actors.PostgreSql;

/// <summary>Registers <see cref="PostgreSqlMembershipTable"/> as the <see cref="IMembershipTable"/>.</summary>
public static class PostgreSqlMembershipTableServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="PostgreSqlMembershipTable"/> as the singleton <see cref="IMembershipTable"/>, replacing any registered before
    /// (options configured by earlier calls still apply, later ones win). The container disposes its connection pool.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddPostgreSqlMembershipTable(options => { options.ConnectionName = "actorsdb"; options.ClusterId = "bank"; });
    /// </code>
    /// </example>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; a connection string or connection name, and the cluster id, are required.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddPostgreSqlMembershipTable(this IServiceCollection services, Action<PostgreSqlMembershipTableOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<PostgreSqlMembershipTableOptions>().Configure(configure);
        services.RemoveAll<IMembershipTable>();
        services.AddSingleton<IMembershipTable>(Create);
        return services;
    }

    /// <summary>
    /// Registers a <see cref="PostgreSqlMembershipTable"/> that connects with the connection string <c>ConnectionStrings:{connectionName}</c>
    /// (the orchestrator's <c>ConnectionStrings__{connectionName}</c>) for the cluster named by <c>Actors:ClusterId</c>.
    /// </summary>
    /// <example>
    /// <code>
    /// builder.AddPostgreSqlMembershipTable("bankdb");
    /// </code>
    /// </example>
    /// <param name="builder">The host builder.</param>
    /// <param name="connectionName">The connection string's name in configuration.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHostApplicationBuilder AddPostgreSqlMembershipTable(this IHostApplicationBuilder builder, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        builder.Services.AddPostgreSqlMembershipTable(o => o.ConnectionName = connectionName);
        return builder;
    }

    private static PostgreSqlMembershipTable Create(IServiceProvider provider)
    {
        var configured = provider.GetRequiredService<IOptions<PostgreSqlMembershipTableOptions>>().Value;
        var options = new PostgreSqlMembershipTableOptions
        {
            ConnectionString = ConnectionStrings.Resolve(
                configured.ConnectionString, configured.ConnectionName, provider.GetService<IConfiguration>(), "The PostgreSQL membership table"),
            ConnectionName = configured.ConnectionName,
            // Silos and clients already name their cluster in Actors:ClusterId; the table follows it unless told otherwise.
            ClusterId = string.IsNullOrWhiteSpace(configured.ClusterId)
                ? provider.GetService<IOptions<ActorsOptions>>()?.Value.ClusterId ?? ""
                : configured.ClusterId,
            Schema = configured.Schema,
            TableName = configured.TableName,
            CreateSchema = configured.CreateSchema,
        };
        var logger = (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<PostgreSqlMembershipTable>();
        return new PostgreSqlMembershipTable(options, logger);
    }
}
