using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.AspNetCore.Tokens;

/// <summary>
/// Opaque bearer tokens looked up by hash in <see cref="TokenStore"/>; the principal carries the token's subject as
/// <see cref="ClaimTypes.NameIdentifier"/> and its role as <see cref="ClaimTypes.Role"/>. A browser, which cannot send a
/// bearer header, may send the token as the password of HTTP Basic authentication (any user name).
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenStore tokens, IOptions<ApiTokenOptions> tokenOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const int MaxTokenLength = 200;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (TokenOf(Request.Headers.Authorization) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        if (token.Length is 0 or > MaxTokenLength)
        {
            return AuthenticateResult.Fail("The bearer token is malformed.");
        }

        if (await tokens.FindAsync(token, Context.RequestAborted) is not { } holder)
        {
            return AuthenticateResult.Fail("The bearer token is not known.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, holder.Subject), new Claim(ClaimTypes.Role, holder.Role)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // A browser shows its password prompt for a Basic challenge only.
        var settings = tokenOptions.Value;
        Response.Headers.WWWAuthenticate = settings.BasicChallengePath is { } path && Request.Path.StartsWithSegments(path)
            ? $"Basic realm=\"{settings.Section}: any user name, the admin token as password\", charset=\"UTF-8\""
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
