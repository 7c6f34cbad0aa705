using Microsoft.AspNetCore.Http.HttpResults;

namespace RenderFarm.Api.Apis;

/// <summary>RFC 9457 problem details that name the offending field (in <c>errors</c> for 400, in <c>field</c> otherwise).</summary>
internal static class Problems
{
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is invalid.");

    public static ProblemHttpResult Status(int status, string field, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult JobNotFound() =>
        Status(StatusCodes.Status404NotFound, "id", "The job does not exist.", "No job with this id is visible to you.");
}
