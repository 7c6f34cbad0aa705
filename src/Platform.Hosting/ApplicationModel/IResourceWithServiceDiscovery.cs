namespace Platform.Hosting.ApplicationModel;

/// <summary>
/// A resource other resources find by name: a reference to it injects
/// <c>services__{name}__{endpoint}__{index}</c> for each of its endpoints.
/// </summary>
public interface IResourceWithServiceDiscovery : IResourceWithEndpoints;
