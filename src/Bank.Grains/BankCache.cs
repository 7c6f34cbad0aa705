using System.Text.Json;
using Bank.Contracts;
using StackExchange.Redis;

namespace Bank.Grains;

/// <summary>
/// The account cache in Redis: a hash with the snapshot's version and JSON. Writes go through one script that only
/// replaces an older version, so the entry never moves backwards and a writer's next read sees at least its write.
/// </summary>
public static class BankCache
{
    /// <summary>How long an entry lives without being refreshed.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>The JSON options used for cached values and events (web defaults: camelCase).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string SetIfNewerScript = """
        local current = redis.call('HGET', KEYS[1], 'v')
        if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'v', ARGV[1], 'j', ARGV[2])
        redis.call('EXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    /// <summary>Stores <paramref name="account"/> unless the cache already holds this version or a newer one.</summary>
    public static Task SetIfNewerAsync(IDatabaseAsync db, AccountSnapshot account)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(account);
        return db.ScriptEvaluateAsync(
            SetIfNewerScript,
            [BankRedisKeys.Account(account.AccountId)],
            [account.Version, JsonSerializer.Serialize(account, Json), (long)Lifetime.TotalSeconds]);
    }

    /// <summary>
    /// True when <paramref name="e"/>, thrown by a Redis call, means Redis is unavailable: the bank then carries on
    /// without it. Besides its own exceptions and timeouts, StackExchange.Redis throws InvalidOperationException
    /// ("Writing is not allowed after writer was completed") for a command written while its connection dies.
    /// </summary>
    public static bool IsUnavailable(Exception e) => e is RedisException or TimeoutException or InvalidOperationException;

    /// <summary>The cached snapshot, or null.</summary>
    public static async Task<AccountSnapshot?> GetAsync(IDatabaseAsync db, string accountId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var json = await db.HashGetAsync(BankRedisKeys.Account(accountId), "j");
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<AccountSnapshot>((string)json!, Json);
    }
}
