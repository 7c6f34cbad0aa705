using Microsoft.AspNetCore.Http.Features;

namespace Bank.Api.Infrastructure;

/// <summary>Refuses bodies above 16 KiB: declared ones at once (413), streamed ones when they pass the limit (Kestrel).</summary>
internal sealed class BodySizeLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > Extensions.Extensions.MaxRequestBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = Extensions.Extensions.MaxRequestBodyBytes;
        }

        return next(context);
    }
}
