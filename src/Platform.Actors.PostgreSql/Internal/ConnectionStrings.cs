using Microsoft.Extensions.Configuration;

namespace Platform.Actors.PostgreSql.Internal;

internal static class ConnectionStrings
{
    /// <summary>Picks the explicit connection string, else the named one from configuration; never puts either in a message.</summary>
    public static string Resolve(string? connectionString, string? connectionName, IConfiguration? configuration, string provider)
    {
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        if (string.IsNullOrWhiteSpace(connectionName))
        {
            throw new InvalidOperationException(
                $"{provider} has no connection string. Set ConnectionString in its options, or ConnectionName to a connection string name in configuration.");
        }

        var configured = configuration?.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                $"{provider} reads its connection string from configuration key 'ConnectionStrings:{connectionName}', which is missing or empty. " +
                $"Set it (environment variable ConnectionStrings__{connectionName}) or reference the database from the AppHost.");
        }

        return configured;
    }

    /// <summary>Fails early, with advice, when a connection name was passed where a connection string belongs.</summary>
    public static void EnsureLooksLikeConnectionString(string connectionString, string provider)
    {
        if (!connectionString.Contains('=', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The value given to {provider} is not an Npgsql connection string (it has no 'key=value' pair). " +
                "To read ConnectionStrings:{name} from configuration, set ConnectionName in the options or call the IHostApplicationBuilder overload.",
                nameof(connectionString));
        }
    }
}
