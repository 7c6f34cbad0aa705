using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace RenderFarm.Api.Security;

/// <summary>
/// The farm API's tokens in PostgreSQL (<c>farm.api_tokens</c> in farmdb), stored only as SHA-256 hashes (they are
/// 256 random bits: no salt or slow hash needed), as the bank keeps its own. Lookups are cached for a few seconds.
/// </summary>
internal sealed class TokenStore(NpgsqlDataSource db, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (Caller? Caller, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public static string NewToken() => "farm_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand(
            """
            SELECT pg_advisory_lock(7240291375618262901);
            CREATE SCHEMA IF NOT EXISTS farm;
            CREATE TABLE IF NOT EXISTS farm.api_tokens (
                token_hash bytea PRIMARY KEY,
                token_id   uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
                subject    text NOT NULL,
                role       text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now());
            SELECT pg_advisory_unlock(7240291375618262901);
            """);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stores <paramref name="token"/> (re-issuing a known token changes its subject and role) and returns its id.</summary>
    public async Task<Guid> AddAsync(string token, string subject, string role, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand(
            """
            INSERT INTO farm.api_tokens (token_hash, subject, role) VALUES ($1, $2, $3)
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

    public async Task<Caller?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        var key = Convert.ToHexString(hash);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var hit) && hit.Until > now)
        {
            return hit.Caller;
        }

        await using var cmd = db.CreateCommand("SELECT subject, role FROM farm.api_tokens WHERE token_hash = $1");
        cmd.Parameters.Add(new() { Value = hash });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var caller = await reader.ReadAsync(cancellationToken) ? new Caller(reader.GetString(0), reader.GetString(1)) : null;
        _cache[key] = (caller, now + CacheFor);
        return caller;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
