using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting;

/// <summary>Adds .NET projects to the app model.</summary>
public static class ProjectResourceBuilderExtensions
{
    /// <summary>
    /// Adds the project <typeparamref name="TProject"/> describes (a <c>Projects.*</c> class generated from the AppHost's
    /// project references), with an <c>http</c> endpoint. The orchestrator builds it once and runs it from its build output.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.AddProject(name, new TProject().ProjectPath);
    }

    /// <summary>Adds the project at <paramref name="projectPath"/> (a <c>.csproj</c>, or relative to the AppHost's folder), with an <c>http</c> endpoint.</summary>
    public static IResourceBuilder<ProjectResource> AddProject(this IDistributedApplicationBuilder builder, string name, string projectPath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(projectPath);
        var fullPath = Path.GetFullPath(projectPath, builder.Options.AppHostDirectory ?? Directory.GetCurrentDirectory());
        if (!File.Exists(fullPath))
        {
            throw new ArgumentException($"Project '{name}': no project file at '{fullPath}'.", nameof(projectPath));
        }

        var project = new ProjectResource(name, fullPath);
        project.Annotations.Add(new EndpointAnnotation("http", "http"));
        return builder.AddResource(project);
    }

    /// <summary>Runs <paramref name="replicas"/> processes of the project, each on its own port, behind one round-robin endpoint.</summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Annotations.Replace(new ReplicaAnnotation(replicas));
        return builder;
    }
}
