using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.AspNetCore.Problems;

/// <summary>
/// A body or route value the endpoint could not read (malformed, empty, not a JSON object, a value of the wrong type) is
/// the caller's mistake: a 400 problem that names the field and says what to send, not a 500 and an error in the log.
/// A missing JSON Content-Type is answered before the endpoint runs, by <see cref="JsonContentTypeMiddleware"/>.
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
        // A value of the wrong type names its field through the serializer's path ("$.frames"); JSON that does not parse
        // (the serializer then wraps the reader's own JsonException) is the body's fault wherever it broke off.
        var (field, message) = exception.InnerException is JsonException { Path: { Length: > 2 } path, InnerException: not JsonException }
            ? (path[2..], $"'{path[2..]}' has a value of the wrong type.")
            : ParameterOf(bad) is { } parameter
                ? (parameter, $"'{parameter}' is missing or has a value of the wrong type.")
                : ("body", "The body must be a JSON object with the fields this endpoint documents.");
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid.",
            },
            Exception = exception,
        });
    }

    // A route or query value that does not bind: the framework names the parameter only in its message
    // (Failed to bind parameter "int page" from "abc"; Required parameter "int id" was not provided from ...).
    private static string? ParameterOf(BadHttpRequestException bad) =>
        ParameterPattern().Match(bad.Message) is { Success: true } match ? match.Groups["name"].Value : null;

    // Body parameters ("Failed to read parameter ... as JSON", "... was not provided from body") stay the body's fault.
    [GeneratedRegex("^(?:Failed to bind parameter \"[^\"]*?(?<name>\\w+)\" from \"|Required parameter \"[^\"]*?(?<name>\\w+)\" was not provided from (?:route|query|header))",
        RegexOptions.CultureInvariant)]
    private static partial Regex ParameterPattern();

    [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "{Method} {Path}: the request could not be read (framework status {Status}); answered 400.")]
    private static partial void LogBadRequest(ILogger logger, string method, string path, int status);
}
