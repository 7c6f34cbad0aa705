using Microsoft.AspNetCore.Http.HttpResults;

namespace Bank.Api.Apis;

/// <summary>RFC 9457 problem details that name the offending field (in <c>errors</c> for 400, in <c>field</c> otherwise).</summary>
internal static class Problems
{
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is invalid.");

    public static ProblemHttpResult Status(int status, string field, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult NotFound(string field) =>
        Status(StatusCodes.Status404NotFound, field, "The account does not exist.", "No account with this number is visible to you.");

    public static ProblemHttpResult InsufficientFunds(string field) =>
        Status(StatusCodes.Status409Conflict, field, "Insufficient funds.", "The account's balance is lower than the amount.");

    public static ProblemHttpResult CurrencyMismatch(string field, string expected) =>
        Status(StatusCodes.Status422UnprocessableEntity, field, "Currency mismatch.", $"The account keeps {expected}.");

    public static ProblemHttpResult LimitExceeded(string field) =>
        Status(StatusCodes.Status422UnprocessableEntity, field, "Limit exceeded.", "The amount is above the limit for this operation.");

    public static ProblemHttpResult Unavailable(string detail) =>
        Status(StatusCodes.Status503ServiceUnavailable, "Idempotency-Key", "The bank is temporarily unavailable.", detail);
}
