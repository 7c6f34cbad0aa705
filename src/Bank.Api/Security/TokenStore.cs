using System.Collections.Concurrent;
using Npgsql;

namespace Bank.Api.Security;

/// <summary>API tokens in PostgreSQL (<c>bank.api_tokens</c>), hashed; lookups are cached in-process for 30 s.</summary>
internal sealed class TokenStore(NpgsqlDataSource db, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (Caller? Caller, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var tx = await (await db.OpenConnectionAsync(cancellationToken)).BeginTransactionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(
            """
            SELECT pg_advisory_xact_lock(4840291375618262900);
            CREATE SCHEMA IF NOT EXISTS bank;
            CREATE TABLE IF NOT EXISTS bank.api_tokens (
                token_hash bytea PRIMARY KEY,
                subject    text NOT NULL,
                role       text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now());
            """, tx.Connection, tx);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        await tx.Connection!.DisposeAsync();
    }

    public async Task AddAsync(string token, string subject, string role, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand(
            "INSERT INTO bank.api_tokens (token_hash, subject, role) VALUES ($1, $2, $3) ON CONFLICT (token_hash) DO UPDATE SET subject = $2, role = $3");
        cmd.Parameters.Add(new() { Value = TokenHash.Of(token) });
        cmd.Parameters.Add(new() { Value = subject });
        cmd.Parameters.Add(new() { Value = role });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> AnyAdminAsync(CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM bank.api_tokens WHERE role = 'admin')");
        return (bool)(await cmd.ExecuteScalarAsync(cancellationToken))!;
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

        await using var cmd = db.CreateCommand("SELECT subject, role FROM bank.api_tokens WHERE token_hash = $1");
        cmd.Parameters.Add(new() { Value = hash });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var caller = await reader.ReadAsync(cancellationToken) ? new Caller(reader.GetString(0), reader.GetString(1)) : null;
        _cache[key] = (caller, now + CacheFor);
        return caller;
    }
}
