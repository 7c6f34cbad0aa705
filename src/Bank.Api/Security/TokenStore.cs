using Bank.Grains;
using System.Collections.Concurrent;
using Bank.Api.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Bank.Api.Security;

/// <summary>
/// API tokens in PostgreSQL (<c>bank.api_tokens</c>), stored as SHA-256 hashes and known to operators by a random id.
/// Lookups are cached in-process (<see cref="BankApiOptions.TokenCacheSeconds"/>); a revocation clears the entry at once
/// on this replica and, through Redis pub/sub, on the others.
/// </summary>
internal sealed partial class TokenStore(
    NpgsqlDataSource db, TimeProvider time, IOptions<BankApiOptions> options, ILogger<TokenStore> logger, IConnectionMultiplexer? redis = null)
{
    /// <summary>Where revocations are announced to every API replica: the message is the token hash in hex.</summary>
    public static readonly RedisChannel RevokedChannel = new("bank:tokens:revoked", RedisChannel.PatternMode.Literal);

    private readonly ConcurrentDictionary<string, (Caller? Caller, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    // Bumped by every revocation, so a lookup that read the row just before it was deleted does not cache it afresh.
    private long _revocations;

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var tx = await (await db.OpenConnectionAsync(cancellationToken)).BeginTransactionAsync(cancellationToken);
        // token_id arrived after the first release: ADD COLUMN IF NOT EXISTS upgrades a kept data volume in place.
        await using var cmd = new NpgsqlCommand(
            """
            SELECT pg_advisory_xact_lock(4840291375618262900);
            CREATE SCHEMA IF NOT EXISTS bank;
            CREATE TABLE IF NOT EXISTS bank.api_tokens (
                token_hash bytea PRIMARY KEY,
                subject    text NOT NULL,
                role       text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now());
            ALTER TABLE bank.api_tokens ADD COLUMN IF NOT EXISTS token_id uuid NOT NULL DEFAULT gen_random_uuid();
            CREATE UNIQUE INDEX IF NOT EXISTS api_tokens_token_id ON bank.api_tokens (token_id);
            """, tx.Connection, tx);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        await tx.Connection!.DisposeAsync();
    }

    /// <summary>Stores <paramref name="token"/> (re-issuing a known token changes its subject and role) and returns its id.</summary>
    public async Task<Guid> AddAsync(string token, string subject, string role, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand(
            """
            INSERT INTO bank.api_tokens (token_hash, subject, role) VALUES ($1, $2, $3)
            ON CONFLICT (token_hash) DO UPDATE SET subject = $2, role = $3
            RETURNING token_id
            """);
        var hash = TokenHash.Of(token);
        cmd.Parameters.Add(new() { Value = hash });
        cmd.Parameters.Add(new() { Value = subject });
        cmd.Parameters.Add(new() { Value = role });
        var id = (Guid)(await cmd.ExecuteScalarAsync(cancellationToken))!;
        _cache.TryRemove(Convert.ToHexString(hash), out _);
        return id;
    }

    public async Task<bool> AnyAdminAsync(CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM bank.api_tokens WHERE role = 'admin')");
        return (bool)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The tokens (never their secrets), oldest first, optionally of one subject.</summary>
    public async Task<IReadOnlyList<TokenInfo>> ListAsync(string? subject, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand(
            "SELECT token_id, subject, role, created_at FROM bank.api_tokens WHERE $1::text IS NULL OR subject = $1 ORDER BY created_at, token_id");
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
        await using var cmd = db.CreateCommand(
            "DELETE FROM bank.api_tokens WHERE token_id = $1 RETURNING token_hash, subject, role, created_at");
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
        if (redis is not null)
        {
            try
            {
                await redis.GetSubscriber().PublishAsync(RevokedChannel, key);
            }
            catch (Exception e) when (BankCache.IsUnavailable(e))
            {
                // The revocation itself is durable; other replicas drop the token when their cache entry expires.
                LogAnnounceFailed(logger, e.GetType().Name, options.Value.TokenCacheSeconds);
            }
        }

        return revoked;
    }

    [LoggerMessage(EventId = 7602, Level = LogLevel.Warning,
        Message = "Could not announce a token revocation through Redis ({Error}); other replicas honour it within {Seconds} s.")]
    private static partial void LogAnnounceFailed(ILogger logger, string error, int seconds);

    /// <summary>Drops a cached lookup, by token hash in hex (as announced on <see cref="RevokedChannel"/>).</summary>
    public void Forget(string hashHex)
    {
        Interlocked.Increment(ref _revocations);
        _cache.TryRemove(hashHex, out _);
    }

    public async Task<Caller?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = TokenHash.Of(token);
        var key = Convert.ToHexString(hash);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var hit) && hit.Until > now)
        {
            return hit.Caller;
        }

        var revocations = Interlocked.Read(ref _revocations);
        await using var cmd = db.CreateCommand("SELECT subject, role FROM bank.api_tokens WHERE token_hash = $1");
        cmd.Parameters.Add(new() { Value = hash });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var caller = await reader.ReadAsync(cancellationToken) ? new Caller(reader.GetString(0), reader.GetString(1)) : null;
        if (Interlocked.Read(ref _revocations) == revocations)
        {
            _cache[key] = (caller, now + TimeSpan.FromSeconds(options.Value.TokenCacheSeconds));
        }

        return caller;
    }
}

/// <summary>What operators see of a token: never the secret, nor its hash.</summary>
/// <param name="Id">The token's id, used to revoke it.</param>
/// <param name="Subject">Who the token authenticates.</param>
/// <param name="Role">The subject's role.</param>
/// <param name="CreatedAt">When the token was issued.</param>
public sealed record TokenInfo(Guid Id, string Subject, string Role, DateTimeOffset CreatedAt);
