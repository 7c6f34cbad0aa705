using System.Text.Json;
using Bank.Contracts;
using Bank.Grains;
using StackExchange.Redis;

namespace Bank.Api.Infrastructure;

/// <summary>
/// Reads accounts and statements through the Redis cache, falling back to the grains on a miss or when Redis is down.
/// The grain refreshes the cache entry before it acknowledges a change and entries only move to newer versions, so a
/// caller always reads at least its own last write.
/// </summary>
internal sealed partial class AccountReader(IGrainFactory grains, ILogger<AccountReader> logger, IConnectionMultiplexer? redis = null)
{
    private static readonly TimeSpan StatementLifetime = TimeSpan.FromMinutes(5);

    public async Task<AccountSnapshot?> GetAsync(string accountId)
    {
        if (await TryRedisAsync(db => BankCache.GetAsync(db, accountId)) is { } cached)
        {
            return cached;
        }

        var account = (await grains.GetGrain<IAccountGrain>(accountId).GetAsync()).Account;
        if (account is not null)
        {
            await TryRedisAsync(async db => { await BankCache.SetIfNewerAsync(db, account); return (object?)null; });
        }

        return account;
    }

    public async Task<StatementPage> GetStatementAsync(AccountSnapshot account, int page, int pageSize)
    {
        var key = BankRedisKeys.Statement(account.AccountId, account.Version, page, pageSize);
        var cached = await TryRedisAsync(async db => (string?)await db.StringGetAsync(key));
        if (cached is not null)
        {
            return JsonSerializer.Deserialize<StatementPage>(cached, BankCache.Json)!;
        }

        var statement = await grains.GetGrain<IAccountGrain>(account.AccountId).GetStatementAsync(page, pageSize);
        // Keyed by the version it was read at: an entry never changes, so it can never be stale for that version.
        var storeKey = BankRedisKeys.Statement(account.AccountId, statement.Version, page, pageSize);
        await TryRedisAsync(async db => (object?)await db.StringSetAsync(storeKey, JsonSerializer.Serialize(statement, BankCache.Json), StatementLifetime));
        return statement;
    }

    private async Task<T?> TryRedisAsync<T>(Func<IDatabase, Task<T?>> action)
        where T : class
    {
        if (redis is not { IsConnected: true })
        {
            // Down or reconnecting: read the grains at once rather than wait out a connect timeout.
            return null;
        }

        try
        {
            return await action(redis.GetDatabase());
        }
        catch (Exception e) when (BankCache.IsUnavailable(e))
        {
            LogRedisFailed(logger, e.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(EventId = 7401, Level = LogLevel.Warning, Message = "Redis is unavailable ({Error}); read from the grains.")]
    private static partial void LogRedisFailed(ILogger logger, string error);
}
