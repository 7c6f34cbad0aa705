using System.Data;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Platform.Actors.PostgreSql.Internal;
using Platform.Actors.Storage;

namespace Platform.Actors.PostgreSql;

/// <summary>
/// Grain storage in a PostgreSQL table (default <c>actors.grain_state</c>), one row per grain and state name, the state as <c>jsonb</c>.
/// Every write and clear is one conditional statement on the row's <c>version</c>, which is the ETag:
/// <list type="bullet">
/// <item>a write with a null ETag inserts version 1 and fails when a row exists (even a cleared one);</item>
/// <item>a write or clear with an ETag succeeds only while the stored version equals it, and increments it;</item>
/// <item>a failed condition throws <see cref="InconsistentStateException"/> with the stored and held ETags and changes nothing;</item>
/// <item>a clear keeps a tombstone row (payload NULL, next version) so an ETag read before the clear never matches again.</item>
/// </list>
/// The table is created on first use (under an advisory lock, so concurrent silos do not race). Other database failures surface as
/// <see cref="PostgreSqlStorageException"/>; nothing is retried except a read that hit a broken pooled connection, once.
/// </summary>
public sealed class PostgreSqlGrainStorage : IGrainStorage, IAsyncDisposable
{
    private readonly PostgreSqlDatabase _database;
    private readonly GrainStateSql _sql;
    private readonly IGrainStateSerializer _serializer;
    private readonly ILogger _logger;
    private readonly string _provider;

    /// <summary>Creates the storage and its connection pool; nothing is sent to the database until first use.</summary>
    /// <param name="name">The storage name, used in messages.</param>
    /// <param name="options">The settings; <see cref="PostgreSqlGrainStorageOptions.ConnectionString"/> is required here.</param>
    /// <param name="serializer">The state serializer; null for <see cref="JsonGrainStateSerializer.Default"/>.</param>
    /// <param name="logger">The logger; null for none.</param>
    public PostgreSqlGrainStorage(string name, PostgreSqlGrainStorageOptions options, IGrainStateSerializer? serializer = null, ILogger<PostgreSqlGrainStorage>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);

        _provider = $"PostgreSQL grain storage '{name}'";
        var connectionString = options.ConnectionString
            ?? throw new ArgumentException($"{_provider} needs PostgreSqlGrainStorageOptions.ConnectionString.", nameof(options));
        ConnectionStrings.EnsureLooksLikeConnectionString(connectionString, _provider);

        _sql = new GrainStateSql(options.Schema, options.TableName);
        _serializer = serializer ?? JsonGrainStateSerializer.Default;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _database = new PostgreSqlDatabase(connectionString, options.CreateSchema ? _sql.CreateSchema : null, $"{options.Schema}.{options.TableName}", _provider, _logger);
    }

    /// <summary>Creates the schema and table when missing (idempotent, safe under concurrency). Called on first use anyway.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync((_, _) => Task.FromResult(true), isRead: true, () => "Creating the schema", cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// With no row, <see cref="IGrainState{T}.State"/> becomes a new instance of <typeparamref name="T"/> (its parameterless constructor,
    /// else an empty JSON object bound by the serializer), RecordExists false and ETag null. With a tombstone, the same but ETag is the
    /// tombstone's version, which the next write must carry.
    /// </remarks>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);

        var (version, payload) = await _database.ExecuteAsync(
            async (dataSource, ct) =>
            {
                await using var command = dataSource.CreateCommand(_sql.Read);
                AddKey(command, grainId, stateName);
                await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, ct);
                return await reader.ReadAsync(ct)
                    ? (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1))
                    : ((long?)null, (string?)null);
            },
            isRead: true,
            () => Describe("Reading", stateName, grainId),
            cancellationToken);

        grainState.State = payload is null ? GrainStateDefaults.Create<T>(_serializer, stateName) : Deserialize<T>(payload, stateName, grainId);
        grainState.RecordExists = payload is not null;
        grainState.ETag = version is null ? null : FormatVersion(version.Value);
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);

        var eTag = grainState.ETag;
        var expected = ParseVersion(eTag, "Writing", stateName, grainId);
        var payload = _serializer.Serialize(grainState.State);

        var newVersion = await _database.ExecuteAsync(
            async (dataSource, ct) =>
            {
                await using var command = dataSource.CreateCommand(expected is null ? _sql.Insert : _sql.Update);
                AddKey(command, grainId, stateName);
                if (expected is null)
                {
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = grainId.GetUniformHashCode() });
                }
                else
                {
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected.Value });
                }

                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
                return await command.ExecuteScalarAsync(ct) as long?;
            },
            isRead: false,
            () => Describe("Writing", stateName, grainId),
            cancellationToken);

        if (newVersion is null)
        {
            throw await ConflictAsync("Writing", stateName, grainId, eTag, cancellationToken);
        }

        grainState.ETag = FormatVersion(newVersion.Value);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Keeps a tombstone row: afterwards <see cref="IGrainState{T}.ETag"/> is the tombstone's version (not null), RecordExists is false and
    /// State is a new default instance. Clearing with a null ETag when no row exists changes nothing.
    /// </remarks>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);

        var eTag = grainState.ETag;
        var expected = ParseVersion(eTag, "Clearing", stateName, grainId);
        long? newVersion = null;
        if (expected is null)
        {
            // Nothing was read, so there is nothing to clear, provided nothing has been written since.
            var stored = await ReadVersionAsync("Clearing", stateName, grainId, cancellationToken);
            if (stored is not null)
            {
                throw Conflict("Clearing", stateName, grainId, FormatVersion(stored.Value), eTag);
            }
        }
        else
        {
            newVersion = await _database.ExecuteAsync(
                async (dataSource, ct) =>
                {
                    await using var command = dataSource.CreateCommand(_sql.Clear);
                    AddKey(command, grainId, stateName);
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected.Value });
                    return await command.ExecuteScalarAsync(ct) as long?;
                },
                isRead: false,
                () => Describe("Clearing", stateName, grainId),
                cancellationToken);
            if (newVersion is null)
            {
                throw await ConflictAsync("Clearing", stateName, grainId, eTag, cancellationToken);
            }
        }

        grainState.ETag = newVersion is null ? null : FormatVersion(newVersion.Value);
        grainState.RecordExists = false;
        grainState.State = GrainStateDefaults.Create<T>(_serializer, stateName);
    }

    /// <summary>Closes the connection pool.</summary>
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static void AddKey(NpgsqlCommand command, GrainId grainId, string stateName)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
    }

    private T Deserialize<T>(string payload, string stateName, GrainId grainId)
    {
        try
        {
            return _serializer.Deserialize<T>(payload) ?? GrainStateDefaults.Create<T>(_serializer, stateName);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw new InvalidOperationException(
                $"State '{stateName}' of grain '{grainId}' in {_sql.QualifiedTable} cannot be read as '{typeof(T)}': {ex.Message} " +
                "Make the state type accept the stored JSON (or fix the row), then activate the grain again.",
                ex);
        }
    }

    private async Task<long?> ReadVersionAsync(string action, string stateName, GrainId grainId, CancellationToken cancellationToken) =>
        await _database.ExecuteAsync(
            async (dataSource, ct) =>
            {
                await using var command = dataSource.CreateCommand(_sql.ReadVersion);
                AddKey(command, grainId, stateName);
                return await command.ExecuteScalarAsync(ct) as long?;
            },
            isRead: true,
            () => Describe(action, stateName, grainId),
            cancellationToken);

    // The conditional statement matched no row; read the stored version only to say what happened (it may move again meanwhile).
    private async Task<InconsistentStateException> ConflictAsync(string action, string stateName, GrainId grainId, string? eTag, CancellationToken cancellationToken)
    {
        string? stored;
        try
        {
            stored = await ReadVersionAsync(action, stateName, grainId, cancellationToken) is { } version ? FormatVersion(version) : null;
        }
        catch (PostgreSqlStorageException)
        {
            stored = "unknown";
        }

        return Conflict(action, stateName, grainId, stored, eTag);
    }

    private InconsistentStateException Conflict(string action, string stateName, GrainId grainId, string? storedETag, string? currentETag)
    {
        Log.VersionConflict(_logger, Describe(action, stateName, grainId), _provider, storedETag, currentETag);
        return new InconsistentStateException(
            $"{Describe(action, stateName, grainId)} in {_provider} failed: the stored version is {storedETag ?? "none"} but this activation holds " +
            $"{currentETag ?? "none"}, so another activation wrote first. Nothing was changed; deactivate and read the state again before retrying.",
            storedETag,
            currentETag);
    }

    private long? ParseVersion(string? eTag, string action, string stateName, GrainId grainId)
    {
        if (eTag is null)
        {
            return null;
        }

        if (long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        // Not a version this provider wrote (another provider's ETag?): it can never match, so it is a conflict, not a crash.
        throw Conflict(action, stateName, grainId, storedETag: "unknown", eTag);
    }

    private static string Describe(string action, string stateName, GrainId grainId) => $"{action} state '{stateName}' of grain '{grainId}'";

    private static string FormatVersion(long version) => version.ToString(CultureInfo.InvariantCulture);
}
