using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Bank.Contracts;
using Bank.Grains;
using StackExchange.Redis;

namespace Bank.Api.Infrastructure;

/// <summary>An account's live events from Redis pub/sub (published by the account grain after each durable change).</summary>
internal sealed class AccountFeed(IConnectionMultiplexer? redis = null)
{
    public bool IsAvailable => redis is not null;

    /// <summary>
    /// First a <c>subscribed</c> event carrying the account as it was when the subscription became live (so the client
    /// knows that every later change will arrive, and the response starts at once), then each change.
    /// </summary>
    public async IAsyncEnumerable<AccountEvent> WatchAsync(AccountSnapshot account, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var subscriber = redis!.GetSubscriber();
        var channel = new RedisChannel(BankRedisKeys.Events(account.AccountId), RedisChannel.PatternMode.Literal);
        // A slow reader drops the oldest events rather than holding memory: the feed is a notification, the statement is the record.
        var events = Channel.CreateBounded<AccountEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        Action<RedisChannel, RedisValue> handler = (_, message) =>
        {
            if (JsonSerializer.Deserialize<AccountEvent>((string)message!, BankCache.Json) is { } e)
            {
                events.Writer.TryWrite(e);
            }
        };
        await subscriber.SubscribeAsync(channel, handler);
        try
        {
            yield return new AccountEvent(account.AccountId, "subscribed", 0, account.BalanceMinor, account.Version, "", DateTimeOffset.UtcNow);
            await foreach (var e in events.Reader.ReadAllAsync(cancellationToken))
            {
                yield return e;
            }
        }
        finally
        {
            await subscriber.UnsubscribeAsync(channel, handler);
        }
    }
}
