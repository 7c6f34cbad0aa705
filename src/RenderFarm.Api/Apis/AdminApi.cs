using Microsoft.AspNetCore.Http.HttpResults;
using RenderFarm.Api.Security;
using RenderFarm.Contracts;

namespace RenderFarm.Api.Apis;

internal static partial class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/tokens", IssueTokenAsync).WithTags("Admin").RequireAuthorization(Policies.Admin);
        app.MapGet("/admin/queue", GetQueueAsync).WithTags("Admin").RequireAuthorization(Policies.Admin);
        return app;
    }

    /// <summary>
    /// The scheduler's queue: the active jobs of every owner, the frames waiting, and the silo the scheduler runs on
    /// (admin only: it names other owners' jobs).
    /// </summary>
    public static async Task<Ok<QueueStatus>> GetQueueAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ISchedulerGrain>(0).GetQueueAsync());

    public static async Task<Results<Created<IssuedToken>, ValidationProblem>> IssueTokenAsync(
        IssueTokenRequest body, TokenStore tokens, ILogger<TokenStore> logger, CancellationToken cancellationToken)
    {
        if (body.Subject is not { Length: > 0 and <= 64 } subject || !subject.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return Problems.Invalid("subject", "The subject is required: 1 to 64 letters, digits, '-', '_' or '.'.");
        }

        if (body.Role is null || !Roles.All.Contains(body.Role))
        {
            return Problems.Invalid("role", "The role must be one of " + string.Join(", ", Roles.All) + ".");
        }

        var token = TokenStore.NewToken();
        var id = await tokens.AddAsync(token, subject, body.Role, cancellationToken);
        LogIssued(logger, body.Role, subject, id);
        return TypedResults.Created($"/admin/tokens/{id}", new IssuedToken(id, token, subject, body.Role));
    }

    [LoggerMessage(EventId = 9301, Level = LogLevel.Information, Message = "Issued a {Role} token for '{Subject}' (id {TokenId}).")]
    private static partial void LogIssued(ILogger logger, string role, string subject, Guid tokenId);
}
