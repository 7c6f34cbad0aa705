using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Platform.AspNetCore.Tokens;

/// <summary>
/// Clears this replica's cached lookup of every token another replica revokes (announced through Redis). Redis being
/// down at start does not hold the API up: it keeps trying, and until then cached lookups simply expire.
/// </summary>
internal sealed partial class TokenRevocationListener(TokenStore tokens, ILogger<TokenRevocationListener> logger, IConnectionMultiplexer? redis = null)
    : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (redis is null)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The multiplexer renews its subscriptions itself after a reconnect; only the first one is ours to retry.
                await redis.GetSubscriber().SubscribeAsync(tokens.RevokedChannel, (_, message) => tokens.Forget((string)message!));
                return;
            }
            catch (Exception e) when (TokenStore.IsRedisUnavailable(e))
            {
                LogSubscribeFailed(logger, e.GetType().Name, RetryEvery.TotalSeconds);
                await Task.Delay(RetryEvery, stoppingToken);
            }
        }
    }

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning,
        Message = "Could not subscribe to token revocations in Redis ({Error}); retrying in {Seconds} s. Until then revoked tokens expire from this replica's cache.")]
    private static partial void LogSubscribeFailed(ILogger logger, string error, double seconds);
}
