using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Orleans.PostgreSql;

/// <summary>
/// Applies <see cref="OrleansPostgreSqlSchema"/> while the host is starting. The work is done in
/// <see cref="StartingAsync"/>, which the host runs for every service before it calls any <c>StartAsync</c>: the schema
/// is therefore in place before the Orleans silo (a plain hosted service) starts, wherever this one was registered.
/// </summary>
internal sealed partial class OrleansPostgreSqlSchemaHostedService(
    Func<string> connectionString, ILogger<OrleansPostgreSqlSchemaHostedService> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString());
        var result = await OrleansPostgreSqlSchema.ApplyCoreAsync(dataSource, cancellationToken);
        if (result.Applied.Count > 0)
        {
            LogApplied(logger, result.Applied, result.DatabaseVersion);
        }
        else
        {
            LogUpToDate(logger, result.DatabaseVersion);
        }

        if (result.DatabaseVersion > OrleansPostgreSqlSchema.LatestVersion)
        {
            LogDatabaseNewer(logger, result.DatabaseVersion, OrleansPostgreSqlSchema.LatestVersion);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Orleans PostgreSQL schema: applied migration(s) {Versions}; the database is at version {Version}.")]
    private static partial void LogApplied(ILogger logger, IReadOnlyList<int> versions, int version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Orleans PostgreSQL schema: up to date at version {Version}.")]
    private static partial void LogUpToDate(ILogger logger, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orleans PostgreSQL schema: the database is at version {DatabaseVersion}, newer than this build's {LatestVersion}; a newer build migrated it.")]
    private static partial void LogDatabaseNewer(ILogger logger, int databaseVersion, int latestVersion);
}
