using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Hosting.Dashboard.Web;

/// <summary>
/// Browser access: <c>/login?t={token}</c> (or the pasted token) trades the token for a session cookie;
/// without the cookie pages redirect to <c>/login</c> and APIs answer 401.
/// </summary>
/// <remarks>
/// The cookie holds a separate random session value, not the token, so the token never travels again after login.
/// SameSite=Strict keeps other sites from riding the cookie; state-changing APIs also require <see cref="RequestHeader"/>.
/// </remarks>
internal sealed class BrowserAuth
{
    public const string CookieName = "platform-dashboard";

    /// <summary>A header that a cross-site form cannot send and a cross-site script cannot send without a CORS preflight we never grant.</summary>
    public const string RequestHeader = "X-Dashboard-Request";

    private readonly Secret _token;
    private readonly StaticAssets _assets;
    private readonly ILogger _logger;
    private readonly string _session;
    private readonly Secret _sessionSecret;

    public BrowserAuth(Secret token, StaticAssets assets, ILogger logger)
    {
        _token = token;
        _assets = assets;
        _logger = logger;
        _session = Secret.Generate();
        _sessionSecret = new Secret(_session);
    }

    public void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/login") || path.StartsWithSegments("/assets") || IsSignedIn(context))
            {
                await next(context);
                return;
            }

            if (path.StartsWithSegments("/api"))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(new { error = "Sign in first: open the login URL the AppHost printed." });
                return;
            }

            context.Response.Redirect("/login");
        });

        app.MapGet("/login", (HttpContext context) => LoginAsync(context, context.Request.Query["t"].ToString()));
        app.MapPost("/login", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            await LoginAsync(context, form["token"].ToString());
        });
    }

    private bool IsSignedIn(HttpContext context) => _sessionSecret.Matches(context.Request.Cookies[CookieName]);

    private async Task LoginAsync(HttpContext context, string candidate)
    {
        if (candidate.Length > 0 && _token.Matches(candidate))
        {
            context.Response.Cookies.Append(CookieName, _session, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                IsEssential = true,
            });
            context.Response.Redirect("/");
            return;
        }

        if (candidate.Length == 0 && IsSignedIn(context))
        {
            context.Response.Redirect("/");
            return;
        }

        if (candidate.Length > 0)
        {
            Log.LoginRejected(_logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }

        var page = _assets.GetText("login.html")
            .Replace("{{error}}", candidate.Length > 0 ? "<p class=\"login-error\" role=\"alert\">That token is not valid.</p>" : string.Empty, StringComparison.Ordinal);
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(page, context.RequestAborted);
    }

    /// <summary>Rejects a state-changing request that lacks <see cref="RequestHeader"/>.</summary>
    public static bool HasRequestHeader(HttpContext context) => context.Request.Headers[RequestHeader] == "1";
}
