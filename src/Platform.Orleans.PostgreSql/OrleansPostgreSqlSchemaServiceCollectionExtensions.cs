using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Orleans.PostgreSql;

/// <summary>Registers the start-up step that applies <see cref="OrleansPostgreSqlSchema"/> before the Orleans silo starts.</summary>
public static class OrleansPostgreSqlSchemaServiceCollectionExtensions
{
    /// <summary>
    /// Applies the Orleans schema to the database of connection string <paramref name="connectionName"/>
    /// (<c>ConnectionStrings:{connectionName}</c>, the name the ADO.NET providers' <c>ConnectionName</c> setting uses)
    /// while the host starts, before any hosted service, the silo included, is started. A failure stops the host.
    /// </summary>
    /// <example>
    /// <code>
    /// builder.Services.AddOrleansPostgreSqlSchema("orleansdb");
    /// builder.UseOrleans(silo => silo.UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = ...; }));
    /// </code>
    /// </example>
    /// <param name="services">The host's services.</param>
    /// <param name="connectionName">The connection string's name in configuration.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddOrleansPostgreSqlSchema(this IServiceCollection services, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        return services.AddOrleansPostgreSqlSchema(provider =>
            provider.GetRequiredService<IConfiguration>().GetConnectionString(connectionName) is { Length: > 0 } connectionString
                ? connectionString
                : throw new InvalidOperationException(
                    $"The Orleans PostgreSQL schema cannot be applied: there is no connection string 'ConnectionStrings:{connectionName}'."));
    }

    /// <summary>
    /// Applies the Orleans schema to the database of the connection string that <paramref name="connectionString"/>
    /// returns (called once, when the host starts) before any hosted service is started.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="connectionString">Returns the connection string, given the host's services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddOrleansPostgreSqlSchema(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionString);
        services.AddSingleton<IHostedService>(provider => new OrleansPostgreSqlSchemaHostedService(
            () => connectionString(provider), provider.GetRequiredService<ILogger<OrleansPostgreSqlSchemaHostedService>>()));
        return services;
    }
}
