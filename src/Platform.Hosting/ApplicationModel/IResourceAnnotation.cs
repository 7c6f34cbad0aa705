namespace Platform.Hosting.ApplicationModel;

/// <summary>A piece of configuration attached to a resource (an endpoint, an environment variable, a wait).</summary>
public interface IResourceAnnotation;
