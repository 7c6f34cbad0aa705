using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Bank.Api.Security;

/// <summary>
/// Opaque bearer tokens looked up by hash in <see cref="TokenStore"/>. A browser, which cannot send a bearer header,
/// may send the token as the password of HTTP Basic authentication (any user name): the Orleans dashboard asks for it so.
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>Where the API serves the Orleans dashboard.</summary>
    public const string OrleansDashboardPath = "/orleans";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (TokenOf(Request.Headers.Authorization) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        if (token.Length is 0 or > 200)
        {
            return AuthenticateResult.Fail("The bearer token is malformed.");
        }

        var caller = await tokens.FindAsync(token, Context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("The bearer token is not known.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, caller.Id), new Claim(ClaimTypes.Role, caller.Role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // A browser shows its password prompt for a Basic challenge only.
        Response.Headers.WWWAuthenticate = Request.Path.StartsWithSegments(OrleansDashboardPath)
            ? "Basic realm=\"Orleans dashboard: any user name, the admin token as password\", charset=\"UTF-8\""
            : "Bearer";
        return Task.CompletedTask;
    }

    private static string? TokenOf(string? header)
    {
        if (header is null)
        {
            return null;
        }

        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? "" : credentials[(colon + 1)..];
        }
        catch (FormatException)
        {
            // Not base64: malformed, like an empty token.
            return "";
        }
    }
}
