using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Actors.PostgreSql.Internal;

/// <summary>
/// What the PostgreSQL providers share: one <see cref="NpgsqlDataSource"/> (one connection pool) per provider instance, the one-time schema
/// creation, and the rule for failures: Npgsql errors are wrapped in <see cref="PostgreSqlStorageException"/> naming what failed, a broken
/// connection clears the pool so the next operation dials afresh, and only reads are retried (once), because a failed write may have been applied.
/// </summary>
internal sealed class PostgreSqlDatabase : IAsyncDisposable
{
    // One advisory lock for every Platform.Actors DDL, so silos starting together never race on CREATE ... IF NOT EXISTS,
    // which is not safe under concurrency in PostgreSQL (it can fail with a unique violation on pg_type or pg_namespace).
    private const long SchemaLockKey = 0x506C_6174_4163_7472; // "PlatActr"

    private readonly NpgsqlDataSource _dataSource;
    private readonly string? _schemaSql;
    private readonly string _table;
    private readonly string _provider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    private readonly Action<NpgsqlCommand>? _addSchemaParameters;

    public PostgreSqlDatabase(string connectionString, string? schemaSql, string table, string provider, ILogger logger, Action<NpgsqlCommand>? addSchemaParameters = null)
    {
        _addSchemaParameters = addSchemaParameters;
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _schemaSql = schemaSql is null ? null : $"SELECT pg_advisory_xact_lock({SchemaLockKey});\n{schemaSql}";
        _table = table;
        _provider = provider;
        _logger = logger;
    }

    public NpgsqlDataSource DataSource => _dataSource;

    /// <summary>Creates the schema on first use; a failure is not remembered, so the next call tries again.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady || _schemaSql is null)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var command = new NpgsqlCommand(_schemaSql, connection, transaction))
            {
                _addSchemaParameters?.Invoke(command);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            _schemaReady = true;
            Log.SchemaEnsured(_logger, _table);
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <summary>Runs <paramref name="operation"/> after ensuring the schema, applying the failure rules above.</summary>
    /// <param name="operation">The database work.</param>
    /// <param name="isRead">True when the operation changes nothing, so repeating it is safe.</param>
    /// <param name="describe">Names the operation for messages, e.g. <c>Writing state 'balance' of grain 'account/42'</c>; called only on failure.</param>
    /// <param name="cancellationToken">Cancels the operation; cancellation surfaces as <see cref="OperationCanceledException"/>, unwrapped.</param>
    public async Task<T> ExecuteAsync<T>(Func<NpgsqlDataSource, CancellationToken, Task<T>> operation, bool isRead, Func<string> describe, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await EnsureSchemaAsync(cancellationToken);
                return await operation(_dataSource, cancellationToken);
            }
            catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
            {
                var brokenConnection = IsBrokenConnection(ex);
                if (brokenConnection)
                {
                    // Pooled connections to a server that went away all fail the same way; drop them rather than fail once per connection.
                    _dataSource.Clear();
                }

                if (isRead && brokenConnection && attempt == 1)
                {
                    Log.RetryingRead(_logger, describe(), _provider, ex);
                    continue;
                }

                var what = describe();
                Log.OperationFailed(_logger, what, _provider, ex);
                throw new PostgreSqlStorageException(Explain(what, ex, isRead), ex.IsTransient, ex);
            }
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    // A connection-level failure (I/O error, server shutting down, connection exception class 08) rather than an error in the statement.
    private static bool IsBrokenConnection(NpgsqlException ex) =>
        ex is PostgresException pg
            ? pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
            : ex.IsTransient;

    private string Explain(string what, NpgsqlException ex, bool isRead)
    {
        var advice = !ex.IsTransient
            ? $"Check that the database is reachable with these credentials and that table {_table} has the expected columns."
            : isRead
                ? "The error is transient: retry when the database is reachable again."
                : "The error is transient, but the change may or may not have been applied: read the state again before retrying (a retry with the old ETag fails if it was applied).";
        var cause = ex.Message.TrimEnd();
        return $"{what} in {_provider} failed: {cause}{(cause.EndsWith('.') ? "" : ".")} {advice}";
    }
}
