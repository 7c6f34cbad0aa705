using System.Text.Json;
using Bank.Contracts;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Bank.Grains;

/// <summary>
/// Refreshes the account's cache entry (only ever to a newer version) and publishes the change. Any Redis failure is
/// logged and swallowed: Redis holds nothing that cannot be rebuilt from the grains.
/// </summary>
internal sealed partial class RedisAccountNotifier(IConnectionMultiplexer redis, ILogger<RedisAccountNotifier> logger) : IAccountNotifier
{
    public async Task OnChangedAsync(AccountSnapshot account, AccountEntry entry)
    {
        if (!redis.IsConnected)
        {
            // Waiting for a connect timeout here would hold the account's turn, and every call queued behind it, for seconds.
            LogRedisFailed(logger, "not connected");
            return;
        }

        try
        {
            var db = redis.GetDatabase();
            var cached = BankCache.SetIfNewerAsync(db, account);
            var change = new AccountEvent(account.AccountId, entry.Kind, entry.AmountMinor, account.BalanceMinor, account.Version, entry.OperationId, entry.At);
            var published = redis.GetSubscriber().PublishAsync(
                new RedisChannel(BankRedisKeys.Events(account.AccountId), RedisChannel.PatternMode.Literal),
                JsonSerializer.Serialize(change, BankCache.Json));
            await Task.WhenAll(cached, published);
        }
        catch (Exception e) when (BankCache.IsUnavailable(e))
        {
            LogRedisFailed(logger, e.GetType().Name);
        }
    }

    public async Task OnActivatedAsync(AccountSnapshot account)
    {
        if (!redis.IsConnected)
        {
            LogRedisFailed(logger, "not connected");
            return;
        }

        try
        {
            await BankCache.SetIfNewerAsync(redis.GetDatabase(), account);
        }
        catch (Exception e) when (BankCache.IsUnavailable(e))
        {
            LogRedisFailed(logger, e.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Redis is unavailable ({Error}); the account cache entry was not refreshed and the event was not published.")]
    private static partial void LogRedisFailed(ILogger logger, string error);
}
