namespace RenderFarm.Api.Apis;

internal static class PageApi
{
    private static readonly Lazy<byte[]> Page = new(() =>
    {
        using var stream = typeof(PageApi).Assembly.GetManifestResourceStream("farm.index.html")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>The farm's page at <c>/</c>: it asks for a token and calls the API itself, so it needs no session of its own.</summary>
    public static IEndpointRouteBuilder MapPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => TypedResults.Bytes(Page.Value, "text/html; charset=utf-8")).ExcludeFromDescription();
        return app;
    }
}
