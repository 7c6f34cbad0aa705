using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using ServiceDefaults.HealthChecks;

namespace ServiceDefaults.Telemetry;

/// <summary>
/// Puts a middleware first in the pipeline that does for the framework's request activity what
/// the OpenTelemetry ASP.NET Core instrumentation package (not on our feed) would: drops the
/// probe endpoints' spans, and adds the semantic-convention tags and name the span would have.
/// </summary>
internal sealed class RequestActivityStartupFilter : IStartupFilter
{
    /// <summary>Paths whose spans are never exported: probes run every few seconds and would drown real traffic.</summary>
    internal static readonly PathString[] UntracedPaths = [HealthEndpoints.HealthPath, HealthEndpoints.AlivePath];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(static (context, nextMiddleware) => TraceRequestAsync(context, nextMiddleware));
        next(app);
    };

    private static async Task TraceRequestAsync(HttpContext context, RequestDelegate next)
    {
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity;
        if (activity is null)
        {
            await next(context);
            return;
        }

        if (IsUntraced(context.Request.Path))
        {
            // Unrecorded spans are skipped by the export processors, and children started below
            // this one inherit the decision through the parent-based sampler.
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            activity.IsAllDataRequested = false;
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            Enrich(activity, context);
        }
    }

    private static bool IsUntraced(PathString path)
    {
        foreach (var untraced in UntracedPaths)
        {
            if (path.StartsWithSegments(untraced))
            {
                return true;
            }
        }

        return false;
    }

    private static void Enrich(Activity activity, HttpContext context)
    {
        var request = context.Request;
        SetIfMissing(activity, "http.request.method", request.Method);
        SetIfMissing(activity, "url.scheme", request.Scheme);
        SetIfMissing(activity, "url.path", request.Path.Value);
        SetIfMissing(activity, "server.address", request.Host.Host);
        if (request.Host.Port is { } port)
        {
            SetIfMissing(activity, "server.port", port);
        }

        SetIfMissing(activity, "network.protocol.version", request.Protocol.StartsWith("HTTP/", StringComparison.Ordinal) ? request.Protocol[5..] : request.Protocol);
        var status = context.Response.StatusCode;
        SetIfMissing(activity, "http.response.status_code", status);

        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        if (route is not null)
        {
            SetIfMissing(activity, "http.route", route);
            activity.DisplayName = $"{request.Method} {route}";
        }
        else
        {
            activity.DisplayName = request.Method;
        }

        // Server spans are errors only for 5xx: a 4xx is the caller's fault, not this service's.
        if (status >= 500 && activity.Status == ActivityStatusCode.Unset)
        {
            activity.SetStatus(ActivityStatusCode.Error);
            SetIfMissing(activity, "error.type", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static void SetIfMissing(Activity activity, string key, object? value)
    {
        if (value is not null && activity.GetTagItem(key) is null)
        {
            activity.SetTag(key, value);
        }
    }
}
