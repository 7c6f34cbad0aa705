namespace Platform.Hosting.ApplicationModel;

/// <summary>Something the app model declares and the orchestrator runs or provides: a server, a project, a parameter.</summary>
public interface IResource
{
    /// <summary>The unique name of the resource in the app model, e.g. <c>api</c>.</summary>
    string Name { get; }

    /// <summary>The annotations that configure the resource; <c>WithX</c> methods add or replace them.</summary>
    ResourceAnnotationCollection Annotations { get; }
}
