namespace Platform.Hosting.ApplicationModel;

/// <summary>The orchestrator polls <paramref name="Path"/> on each replica; a 2xx answer means healthy.</summary>
/// <param name="Path">The path, e.g. <c>/health</c>.</param>
/// <param name="EndpointName">The endpoint to poll.</param>
public sealed record HttpHealthCheckAnnotation(string Path, string EndpointName) : IResourceAnnotation;
