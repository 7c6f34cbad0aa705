using Microsoft.AspNetCore.Http.HttpResults;
using Platform.AspNetCore.Tokens;
using RenderFarm.Api.Security;
using RenderFarm.Contracts;

namespace RenderFarm.Api.Apis;

internal static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapTokenAdminApi(Policies.Admin);
        app.MapGet("/admin/queue", GetQueueAsync).WithTags("Admin").RequireAuthorization(Policies.Admin);
        return app;
    }

    /// <summary>
    /// The scheduler's queue: the active jobs of every owner, the frames waiting, and the silo the scheduler runs on
    /// (admin only: it names other owners' jobs).
    /// </summary>
    public static async Task<Ok<QueueStatus>> GetQueueAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ISchedulerGrain>(0).GetQueueAsync());
}
