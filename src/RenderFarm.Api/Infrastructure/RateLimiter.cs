using System.Collections.Concurrent;

namespace RenderFarm.Api.Infrastructure;

/// <summary>A fixed one-second window per caller, in this replica's memory: enough to stop one caller flooding the farm's API.</summary>
internal sealed class RateLimiter(TimeProvider time, Microsoft.Extensions.Options.IOptions<FarmApiOptions> options)
{
    private readonly ConcurrentDictionary<string, (long Second, int Count)> _windows = new(StringComparer.Ordinal);

    public bool TryAcquire(string caller)
    {
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        var window = _windows.AddOrUpdate(caller, _ => (second, 1), (_, w) => w.Second == second ? (second, w.Count + 1) : (second, 1));
        if (_windows.Count > 10_000)
        {
            foreach (var stale in _windows.Where(w => w.Value.Second < second).Select(w => w.Key).ToArray())
            {
                _windows.TryRemove(stale, out _);
            }
        }

        return window.Count <= options.Value.RateLimitPermits;
    }
}

/// <summary>429 with Retry-After for an authenticated caller over its budget; the live feed and the page are exempt.</summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, RateLimiter limiter)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && !context.Request.Path.Value!.EndsWith("/events", StringComparison.Ordinal)
            && !limiter.TryAcquire(context.User.Identity.Name ?? context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value))
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "1";
            return Task.CompletedTask;
        }

        return next(context);
    }
}
