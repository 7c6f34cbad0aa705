namespace Platform.Hosting.ApplicationModel;

/// <summary>A resource that listens on one or more network endpoints.</summary>
public interface IResourceWithEndpoints : IResource;
