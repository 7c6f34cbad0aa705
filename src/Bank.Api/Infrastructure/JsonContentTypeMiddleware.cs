namespace Bank.Api.Infrastructure;

/// <summary>
/// Every POST of the bank's API reads a JSON body: one without a JSON Content-Type is answered 400 naming the header,
/// where routing would pick its bare 415 endpoint, which says nothing about what to send.
/// </summary>
internal sealed class JsonContentTypeMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Routing has matched by then: an unknown route (no endpoint) stays a 404.
        if (HttpMethods.IsPost(context.Request.Method) && context.GetEndpoint() is not null && !context.Request.HasJsonContentType())
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
}
