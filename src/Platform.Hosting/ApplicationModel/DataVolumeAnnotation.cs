namespace Platform.Hosting.ApplicationModel;

/// <summary>
/// The resource keeps its data in a persistent folder that survives restarts of the AppHost, with its generated
/// password beside it. Without this annotation the data lives in a temporary folder deleted at stop.
/// </summary>
/// <param name="Name">The folder name under the AppHost's data root.</param>
public sealed record DataVolumeAnnotation(string Name) : IResourceAnnotation;
