using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.AspNetCore.Problems;

/// <summary>Problem details for what a caller or the backend got wrong: never a 500 for bad input or an outage.</summary>
public static class ApiProblemExtensions
{
    /// <summary>
    /// Problem details for every error; unreadable bodies and route values become a 400 naming the field (in every
    /// environment, not only Development), an unreachable cluster or database a 503 with Retry-After.
    /// </summary>
    /// <param name="builder">The API's host builder.</param>
    /// <param name="configure">What the 503 says.</param>
    public static IHostApplicationBuilder AddApiProblems(this IHostApplicationBuilder builder, Action<BackendProblemOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        builder.Services.AddProblemDetails();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<BackendExceptionHandler>();
        return builder;
    }

    /// <summary>Answers a request to a JSON endpoint without a JSON Content-Type with a 400 naming the header. Place it after routing.</summary>
    public static IApplicationBuilder UseJsonContentTypeCheck(this IApplicationBuilder app) => app.UseMiddleware<JsonContentTypeMiddleware>();
}
