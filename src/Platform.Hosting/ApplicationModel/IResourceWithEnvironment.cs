namespace Platform.Hosting.ApplicationModel;

/// <summary>A resource that runs as a process and receives environment variables.</summary>
public interface IResourceWithEnvironment : IResource;
