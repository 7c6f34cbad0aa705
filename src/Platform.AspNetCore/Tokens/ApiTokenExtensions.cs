using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.AspNetCore.Tokens;

/// <summary>Bearer-token authentication for an API, and the admin endpoints that issue, list and revoke tokens.</summary>
public static partial class ApiTokenExtensions
{
    /// <summary>The authentication scheme, also the default one.</summary>
    public const string SchemeName = "Bearer";

    /// <summary>
    /// Authenticates callers by opaque bearer token against <see cref="TokenStore"/>, creates its table at start and
    /// registers the admin credential. The API must register an <c>NpgsqlDataSource</c> (Aspire's <c>AddNpgsqlDataSource</c>)
    /// and may register an <c>IConnectionMultiplexer</c>, which then carries revocations to every replica at once.
    /// </summary>
    /// <param name="builder">The API's host builder.</param>
    /// <param name="section">The configuration section holding <c>AdminToken</c> and <c>TokenCacheSeconds</c>.</param>
    /// <param name="configure">Sets where the tokens live and what they look like.</param>
    public static IHostApplicationBuilder AddApiTokens(this IHostApplicationBuilder builder, string section, Action<ApiTokenOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Configure runs before the binding, so configuration can still set the admin token and cache time.
        builder.Services.AddOptions<ApiTokenOptions>()
            .Configure(o => { o.Section = section; configure(o); })
            .BindConfiguration(section);
        builder.Services.AddSingleton<TokenStore>();
        builder.Services.AddHostedService<AdminTokenSeeder>();
        builder.Services.AddHostedService<TokenRevocationListener>();
        builder.Services.AddAuthentication(SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(SchemeName, null);
        return builder;
    }

    /// <summary>
    /// <c>POST /admin/tokens</c> (issue: the secret is returned once), <c>GET /admin/tokens[?subject=]</c> (list, never the
    /// secrets) and <c>DELETE /admin/tokens/{id}</c> (revoke), all under <paramref name="adminPolicy"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapTokenAdminApi(this IEndpointRouteBuilder app, string adminPolicy)
    {
        var admin = app.MapGroup("/admin/tokens").WithTags("Admin").RequireAuthorization(adminPolicy);
        admin.MapPost("", IssueTokenAsync);
        admin.MapGet("", ListTokensAsync);
        admin.MapDelete("/{id:guid}", RevokeTokenAsync);
        return app;
    }

    private static async Task<Results<Created<IssuedToken>, ValidationProblem>> IssueTokenAsync(
        IssueTokenRequest body, TokenStore tokens, IOptions<ApiTokenOptions> options, ILogger<TokenStore> logger, CancellationToken cancellationToken)
    {
        if (!IsValidSubject(body.Subject))
        {
            return Invalid("subject", "The subject is required: 1 to 64 letters, digits, '-', '_' or '.'.");
        }

        var roles = options.Value.Roles;
        if (body.Role is null || !roles.Contains(body.Role))
        {
            return Invalid("role", "The role must be one of " + string.Join(", ", roles) + ".");
        }

        var token = tokens.NewToken();
        var id = await tokens.AddAsync(token, body.Subject!, body.Role, cancellationToken);
        LogIssued(logger, body.Role, body.Subject!, id);
        return TypedResults.Created($"/admin/tokens/{id}", new IssuedToken(id, token, body.Subject!, body.Role));
    }

    private static async Task<Results<Ok<IReadOnlyList<TokenInfo>>, ValidationProblem>> ListTokensAsync(
        string? subject, TokenStore tokens, CancellationToken cancellationToken)
    {
        if (subject is not null && !IsValidSubject(subject))
        {
            return Invalid("subject", "The subject filter must be 1 to 64 letters, digits, '-', '_' or '.'.");
        }

        return TypedResults.Ok(await tokens.ListAsync(subject, cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeTokenAsync(
        Guid id, TokenStore tokens, ILogger<TokenStore> logger, CancellationToken cancellationToken)
    {
        if (await tokens.RevokeAsync(id, cancellationToken) is not { } revoked)
        {
            return TypedResults.Problem("No token has this id; it may have been revoked already.", statusCode: StatusCodes.Status404NotFound,
                title: "The token does not exist.", extensions: new Dictionary<string, object?> { ["field"] = "id" });
        }

        LogRevoked(logger, revoked.Role, revoked.Subject, id);
        return TypedResults.NoContent();
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is invalid.");

    private static bool IsValidSubject(string? subject) =>
        subject is { Length: > 0 and <= 64 } && subject.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    [LoggerMessage(EventId = 6104, Level = LogLevel.Information, Message = "Issued a {Role} token for '{Subject}' (id {TokenId}).")]
    private static partial void LogIssued(ILogger logger, string role, string subject, Guid tokenId);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Information, Message = "Revoked the {Role} token of '{Subject}' (id {TokenId}).")]
    private static partial void LogRevoked(ILogger logger, string role, string subject, Guid tokenId);
}
