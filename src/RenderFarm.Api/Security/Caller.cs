using System.Security.Claims;
using RenderFarm.Contracts;

namespace RenderFarm.Api.Security;

/// <summary>The authenticated caller: a job is visible to its owner and to admins only.</summary>
internal sealed record Caller(string Id, string Role)
{
    public static Caller From(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier)!, user.FindFirstValue(ClaimTypes.Role)!);

    public bool IsAdmin => Role == Roles.Admin;

    public bool CanSee(JobStatus job) => job.Spec.Frames > 0 && (IsAdmin || job.Spec.Owner == Id);
}
