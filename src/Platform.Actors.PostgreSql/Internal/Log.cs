using Microsoft.Extensions.Logging;

namespace Platform.Actors.PostgreSql.Internal;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Ensured PostgreSQL table {Table} exists")]
    public static partial void SchemaEnsured(ILogger logger, string table);

    [LoggerMessage(2, LogLevel.Warning, "{Operation} in {Provider} failed on a broken connection; the connection pool was cleared and the read is retried once")]
    public static partial void RetryingRead(ILogger logger, string operation, string provider, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "{Operation} in {Provider} failed")]
    public static partial void OperationFailed(ILogger logger, string operation, string provider, Exception exception);

    [LoggerMessage(4, LogLevel.Debug, "{Operation} in {Provider} lost a version race: stored ETag {StoredETag}, held ETag {CurrentETag}")]
    public static partial void VersionConflict(ILogger logger, string operation, string provider, string? storedETag, string? currentETag);
}
