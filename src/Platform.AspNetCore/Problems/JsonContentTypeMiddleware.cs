using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Platform.AspNetCore.Problems;

/// <summary>
/// A request to an endpoint that reads a JSON body, sent without a JSON Content-Type, is answered 400 naming the header,
/// where routing would answer a bare 415 (or the endpoint a confusing "body" error) that says nothing about what to send.
/// </summary>
internal sealed class JsonContentTypeMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    // What routing selects when the Content-Type matches none of the candidates' accepted types.
    private const string RoutingRejectionDisplayName = "415 HTTP Unsupported Media Type";

    public async Task InvokeAsync(HttpContext context)
    {
        // Routing has matched by then: an unknown route (no endpoint) stays a 404, a body-less POST (a cancel) passes.
        if (context.GetEndpoint() is { } endpoint && ReadsJson(endpoint) && !context.Request.HasJsonContentType())
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    ["Content-Type"] = ["Send the body as JSON with 'Content-Type: application/json'."],
                })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The request is invalid.",
                },
            });
            return;
        }

        await next(context);
    }

    private static bool ReadsJson(Endpoint endpoint) =>
        endpoint.DisplayName == RoutingRejectionDisplayName
        || endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase)) == true;
}
