using System.Globalization;
using Bank.Api.Security;

namespace Bank.Api.Infrastructure;

/// <summary>Applies the per-caller limit to authenticated requests; over it, 429 with Retry-After.</summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, RateLimiter limiter)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // The Orleans dashboard polls several endpoints a second for as long as it is open: admins only, and read-only.
        if (context.User.Identity?.IsAuthenticated == true && !context.Request.Path.StartsWithSegments(Extensions.DashboardRoute.Path))
        {
            var retryAfter = await limiter.TryAcquireAsync(Caller.From(context.User).Id);
            if (retryAfter is { } seconds)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
                return;
            }
        }

        await next(context);
    }
}
