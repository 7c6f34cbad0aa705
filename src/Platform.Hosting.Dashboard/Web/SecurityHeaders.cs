using Microsoft.AspNetCore.Builder;

namespace Platform.Hosting.Dashboard.Web;

/// <summary>Headers that make hostile telemetry text harmless even if an escape were missed.</summary>
internal static class SecurityHeaders
{
    // No inline script or style anywhere: the UI sets styles through the CSSOM, which CSP allows.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Use(WebApplication app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";

        // The login URL carries the token; never leak it to a linked site.
        headers["Referrer-Policy"] = "no-referrer";
        await next(context);
    });
}
