namespace Platform.Hosting.ApplicationModel;

/// <summary>A .NET project the orchestrator builds once and runs from its build output.</summary>
/// <param name="name">The resource name.</param>
/// <param name="projectPath">The full path of the project file.</param>
public sealed class ProjectResource(string name, string projectPath)
    : Resource(name), IResourceWithEnvironment, IResourceWithArgs, IResourceWithServiceDiscovery
{
    /// <summary>The full path of the project file.</summary>
    public string ProjectPath { get; } = projectPath;
}
