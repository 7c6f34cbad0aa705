using Bank.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bank.Api.Apis;

internal static partial class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/tokens").WithTags("Admin").RequireAuthorization(Policies.Admin);
        admin.MapPost("", IssueTokenAsync);
        admin.MapGet("", ListTokensAsync);
        admin.MapDelete("/{id:guid}", RevokeTokenAsync);
        return app;
    }

    public static async Task<Results<Created<IssuedToken>, ValidationProblem>> IssueTokenAsync(
        IssueTokenRequest body, TokenStore tokens, ILogger<Program> logger, CancellationToken cancellationToken)
    {
        if (!IsValidSubject(body.Subject))
        {
            return Problems.Invalid("subject", "The subject is required: 1 to 64 letters, digits, '-', '_' or '.'.");
        }

        if (body.Role is null || !Roles.All.Contains(body.Role))
        {
            return Problems.Invalid("role", "The role must be one of " + string.Join(", ", Roles.All) + ".");
        }

        var token = TokenHash.NewToken();
        var id = await tokens.AddAsync(token, body.Subject!, body.Role, cancellationToken);
        LogIssued(logger, body.Role, body.Subject!, id);
        return TypedResults.Created($"/admin/tokens/{id}", new IssuedToken(id, token, body.Subject!, body.Role));
    }

    /// <summary>The issued tokens, never their secrets; <paramref name="subject"/> narrows the list to one subject.</summary>
    public static async Task<Results<Ok<IReadOnlyList<TokenInfo>>, ValidationProblem>> ListTokensAsync(
        string? subject, TokenStore tokens, CancellationToken cancellationToken)
    {
        if (subject is not null && !IsValidSubject(subject))
        {
            return Problems.Invalid("subject", "The subject filter must be 1 to 64 letters, digits, '-', '_' or '.'.");
        }

        return TypedResults.Ok(await tokens.ListAsync(subject, cancellationToken));
    }

    /// <summary>Revokes a token: refused from then on by every replica (at once where Redis carries the news).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeTokenAsync(
        Guid id, TokenStore tokens, ILogger<Program> logger, CancellationToken cancellationToken)
    {
        if (await tokens.RevokeAsync(id, cancellationToken) is not { } revoked)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "id", "The token does not exist.", "No token has this id; it may have been revoked already.");
        }

        LogRevoked(logger, revoked.Role, revoked.Subject, id);
        return TypedResults.NoContent();
    }

    private static bool IsValidSubject(string? subject) =>
        subject is { Length: > 0 and <= 64 } && subject.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    [LoggerMessage(EventId = 7501, Level = LogLevel.Information, Message = "Issued a {Role} token for '{Subject}' (id {TokenId}).")]
    private static partial void LogIssued(ILogger logger, string role, string subject, Guid tokenId);

    [LoggerMessage(EventId = 7502, Level = LogLevel.Information, Message = "Revoked the {Role} token of '{Subject}' (id {TokenId}).")]
    private static partial void LogRevoked(ILogger logger, string role, string subject, Guid tokenId);
}
