using Bank.Grains;
using Bank.Api.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Bank.Api.Infrastructure;

/// <summary>
/// A fixed window per caller in Redis (INCR, EXPIRE on the first hit, in one script), so every API replica counts
/// against the same budget. Redis down: requests are let through (availability over strictness) and logged.
/// </summary>
internal sealed partial class RateLimiter(IOptions<BankApiOptions> options, TimeProvider time, ILogger<RateLimiter> logger, IConnectionMultiplexer? redis = null)
{
    private const string Script = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
        return count
        """;

    /// <summary>Null when allowed; otherwise the seconds until the window ends.</summary>
    public async Task<int?> TryAcquireAsync(string callerId)
    {
        if (redis is null)
        {
            return null;
        }

        var window = Math.Max(1, options.Value.RateLimitWindowSeconds);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var slot = now / window;
        try
        {
            var count = (long)await redis.GetDatabase().ScriptEvaluateAsync(Script, [$"bank:ratelimit:{callerId}:{slot}"], [window]);
            return count <= options.Value.RateLimitPermits ? null : (int)((slot + 1) * window - now);
        }
        catch (Exception e) when (BankCache.IsUnavailable(e))
        {
            LogRedisFailed(logger, e.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "Redis is unavailable ({Error}); the request was not rate limited.")]
    private static partial void LogRedisFailed(ILogger logger, string error);
}
