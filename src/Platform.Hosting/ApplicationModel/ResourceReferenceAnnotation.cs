namespace Platform.Hosting.ApplicationModel;

/// <summary>The resource uses <paramref name="Resource"/>: it receives its connection string or its service endpoints.</summary>
/// <param name="Resource">The referenced resource.</param>
/// <param name="ConnectionName">The name under <c>ConnectionStrings__</c>; the resource name when null.</param>
public sealed record ResourceReferenceAnnotation(IResource Resource, string? ConnectionName) : IResourceAnnotation;
