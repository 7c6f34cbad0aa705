using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Platform.AspNetCore.Tokens;

/// <summary>
/// API tokens in PostgreSQL (<c>{schema}.api_tokens</c>), stored as SHA-256 hashes and known to operators by a random id.
/// Lookups are cached in-process (<see cref="ApiTokenOptions.TokenCacheSeconds"/>); a revocation clears the entry at once
/// on this replica and, through Redis pub/sub where the API has a Redis connection, on the others.
/// </summary>
public sealed partial class TokenStore
{
    private readonly NpgsqlDataSource _db;
    private readonly TimeProvider _time;
    private readonly ApiTokenOptions _options;
    private readonly ILogger<TokenStore> _logger;
    private readonly IConnectionMultiplexer? _redis;
    private readonly ConcurrentDictionary<string, (TokenHolder? Holder, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    private readonly string _table;

    // Bumped by every revocation, so a lookup that read the row just before it was deleted does not cache it afresh.
    private long _revocations;

    /// <summary>Creates the store over <paramref name="db"/>; <paramref name="redis"/>, when there is one, carries revocations.</summary>
    public TokenStore(NpgsqlDataSource db, TimeProvider time, IOptions<ApiTokenOptions> options, ILogger<TokenStore> logger,
        IConnectionMultiplexer? redis = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _db = db;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _redis = redis;
        if (_options.Schema is not { Length: > 0 and <= 63 } schema || !schema.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new InvalidOperationException(
                $"ApiTokenOptions.Schema '{_options.Schema}' is not a plain PostgreSQL schema name: use 1 to 63 lower-case letters, digits or '_'.");
        }

        _table = schema + ".api_tokens";
        RevokedChannel = new RedisChannel(schema + ":tokens:revoked", RedisChannel.PatternMode.Literal);
    }

    /// <summary>Where revocations are announced to every API replica: the message is the token hash in hex.</summary>
    public RedisChannel RevokedChannel { get; }

    /// <summary>A new secret: the configured prefix and 256 random bits, base64url.</summary>
    public string NewToken() =>
        _options.TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Creates the schema and table if missing, under an advisory lock so replicas starting together do not race.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _db.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // token_id arrived after the bank's first release: ADD COLUMN IF NOT EXISTS upgrades a kept data volume in place.
        await using var cmd = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock({LockKey()});
            CREATE SCHEMA IF NOT EXISTS {_options.Schema};
            CREATE TABLE IF NOT EXISTS {_table} (
                token_hash bytea PRIMARY KEY,
                subject    text NOT NULL,
                role       text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now());
            ALTER TABLE {_table} ADD COLUMN IF NOT EXISTS token_id uuid NOT NULL DEFAULT gen_random_uuid();
            CREATE UNIQUE INDEX IF NOT EXISTS api_tokens_token_id ON {_table} (token_id);
            """, connection, tx);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Stores <paramref name="token"/> (re-issuing a known token changes its subject and role) and returns its id.</summary>
    public async Task<Guid> AddAsync(string token, string subject, string role, CancellationToken cancellationToken)
    {
        await using var cmd = _db.CreateCommand(
            $"""
            INSERT INTO {_table} (token_hash, subject, role) VALUES ($1, $2, $3)
            ON CONFLICT (token_hash) DO UPDATE SET subject = $2, role = $3
            RETURNING token_id
            """);
        var hash = Hash(token);
        cmd.Parameters.Add(new() { Value = hash });
        cmd.Parameters.Add(new() { Value = subject });
        cmd.Parameters.Add(new() { Value = role });
        var id = (Guid)(await cmd.ExecuteScalarAsync(cancellationToken))!;
        _cache.TryRemove(Convert.ToHexString(hash), out _);
        return id;
    }

    /// <summary>Whether any admin token exists.</summary>
    public async Task<bool> AnyAdminAsync(CancellationToken cancellationToken)
    {
        await using var cmd = _db.CreateCommand($"SELECT EXISTS (SELECT 1 FROM {_table} WHERE role = '{ApiRoles.Admin}')");
        return (bool)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The tokens (never their secrets), oldest first, optionally of one subject.</summary>
    public async Task<IReadOnlyList<TokenInfo>> ListAsync(string? subject, CancellationToken cancellationToken)
    {
        await using var cmd = _db.CreateCommand(
            $"SELECT token_id, subject, role, created_at FROM {_table} WHERE $1::text IS NULL OR subject = $1 ORDER BY created_at, token_id");
        cmd.Parameters.Add(new() { Value = (object?)subject ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var tokens = new List<TokenInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tokens.Add(new TokenInfo(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return tokens;
    }

    /// <summary>Deletes the token with <paramref name="id"/>; returns it, or null when there is none.</summary>
    public async Task<TokenInfo?> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var cmd = _db.CreateCommand($"DELETE FROM {_table} WHERE token_id = $1 RETURNING token_hash, subject, role, created_at");
        cmd.Parameters.Add(new() { Value = id });
        byte[] hash;
        TokenInfo revoked;
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            hash = reader.GetFieldValue<byte[]>(0);
            revoked = new TokenInfo(id, reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3));
        }

        var key = Convert.ToHexString(hash);
        Forget(key);
        if (_redis is not null)
        {
            try
            {
                await _redis.GetSubscriber().PublishAsync(RevokedChannel, key);
            }
            catch (Exception e) when (IsRedisUnavailable(e))
            {
                // The revocation itself is durable; other replicas drop the token when their cache entry expires.
                LogAnnounceFailed(_logger, e.GetType().Name, _options.TokenCacheSeconds);
            }
        }

        return revoked;
    }

    /// <summary>Drops a cached lookup, by token hash in hex (as announced on <see cref="RevokedChannel"/>).</summary>
    public void Forget(string hashHex)
    {
        Interlocked.Increment(ref _revocations);
        _cache.TryRemove(hashHex, out _);
    }

    /// <summary>Who <paramref name="token"/> authenticates, or null when it is not known.</summary>
    public async Task<TokenHolder?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        var key = Convert.ToHexString(hash);
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(key, out var hit) && hit.Until > now)
        {
            return hit.Holder;
        }

        var revocations = Interlocked.Read(ref _revocations);
        await using var cmd = _db.CreateCommand($"SELECT subject, role FROM {_table} WHERE token_hash = $1");
        cmd.Parameters.Add(new() { Value = hash });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var holder = await reader.ReadAsync(cancellationToken) ? new TokenHolder(reader.GetString(0), reader.GetString(1)) : null;
        if (Interlocked.Read(ref _revocations) == revocations)
        {
            _cache[key] = (holder, now + TimeSpan.FromSeconds(_options.TokenCacheSeconds));
        }

        return holder;
    }

    /// <summary>
    /// True when <paramref name="e"/>, thrown by a Redis call, means Redis is unavailable. Besides its own exceptions and
    /// timeouts, StackExchange.Redis throws InvalidOperationException for a command written while its connection dies.
    /// </summary>
    internal static bool IsRedisUnavailable(Exception e) => e is RedisException or TimeoutException or InvalidOperationException;

    /// <summary>Tokens are stored only as their SHA-256: they are 256 random bits, so no salt or slow hash is needed.</summary>
    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    // One lock per schema, stable across processes and releases.
    private long LockKey() => BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("platform.api_tokens:" + _options.Schema)));

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning,
        Message = "Could not announce a token revocation through Redis ({Error}); other replicas honour it within {Seconds} s.")]
    private static partial void LogAnnounceFailed(ILogger logger, string error, int seconds);
}
