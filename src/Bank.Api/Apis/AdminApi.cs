using Bank.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bank.Api.Apis;

internal static partial class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/admin").WithTags("Admin").RequireAuthorization(Policies.Admin)
            .MapPost("/tokens", IssueTokenAsync);
        return app;
    }

    public static async Task<Results<Created<IssuedToken>, ValidationProblem>> IssueTokenAsync(
        IssueTokenRequest body, TokenStore tokens, ILogger<Program> logger, CancellationToken cancellationToken)
    {
        if (body.Subject is not { Length: > 0 and <= 64 } subject || !subject.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return Problems.Invalid("subject", "The subject is required: 1 to 64 letters, digits, '-', '_' or '.'.");
        }

        if (body.Role is null || !Roles.All.Contains(body.Role))
        {
            return Problems.Invalid("role", "The role must be one of " + string.Join(", ", Roles.All) + ".");
        }

        var token = TokenHash.NewToken();
        await tokens.AddAsync(token, subject, body.Role, cancellationToken);
        LogIssued(logger, subject, body.Role);
        return TypedResults.Created("/admin/tokens", new IssuedToken(token, subject, body.Role));
    }

    [LoggerMessage(EventId = 7501, Level = LogLevel.Information, Message = "Issued a {Role} token for '{Subject}'.")]
    private static partial void LogIssued(ILogger logger, string subject, string role);
}
