using Microsoft.AspNetCore.Diagnostics;

namespace Bank.Api.Infrastructure;

/// <summary>
/// A body the endpoint could not read — malformed, empty or not a JSON object — is the caller's mistake: a 400 problem
/// that says what to send, not a 500 and an error in the log. (A missing JSON Content-Type is answered before the
/// endpoint runs, by <see cref="JsonContentTypeMiddleware"/>.)
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        LogBadRequest(logger, context.Request.Method, context.Request.Path.Value ?? "", bad.StatusCode);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                ["body"] = ["The body must be a JSON object with the fields this endpoint documents."],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid.",
            },
            Exception = exception,
        });
    }

    [LoggerMessage(EventId = 7202, Level = LogLevel.Information, Message = "{Method} {Path}: the body could not be read (framework status {Status}); answered 400.")]
    private static partial void LogBadRequest(ILogger logger, string method, string path, int status);
}
