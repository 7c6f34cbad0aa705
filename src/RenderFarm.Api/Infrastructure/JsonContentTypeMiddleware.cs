namespace RenderFarm.Api.Infrastructure;

/// <summary>A POST with a body but no JSON Content-Type is answered 400 naming the header (routing's bare 415 says nothing).</summary>
internal sealed class JsonContentTypeMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.GetEndpoint() is not null
            && context.Request.ContentLength is not 0 && !context.Request.HasJsonContentType()
            && !context.Request.Path.Value!.EndsWith("/cancel", StringComparison.Ordinal))
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
