using Microsoft.AspNetCore.Diagnostics;

namespace RenderFarm.Api.Infrastructure;

/// <summary>A body or route value the endpoint could not read is the caller's mistake: 400 naming what to send, never a 500.</summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException)
        {
            return false;
        }

        // A JSON value of the wrong type names its field through the reader's path ("$.frames").
        var field = exception.InnerException is System.Text.Json.JsonException { Path: { Length: > 2 } path } ? path[2..] : "body";
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [field == "body"
                    ? "The body must be a JSON object with the fields this endpoint documents."
                    : $"'{field}' has a value of the wrong type."],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid.",
            },
            Exception = exception,
        });
    }
}
