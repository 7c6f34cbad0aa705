using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting;

/// <summary>Adds arbitrary programs to the app model.</summary>
public static class ExecutableResourceBuilderExtensions
{
    /// <summary>Adds a program run as a process; a missing program makes the resource Failed with a clear reason.</summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="command">The program: a name looked up in PATH, or a path.</param>
    /// <param name="workingDirectory">The working directory, relative to the AppHost's folder.</param>
    /// <param name="args">The arguments.</param>
    public static IResourceBuilder<ExecutableResource> AddExecutable(this IDistributedApplicationBuilder builder, string name, string command, string workingDirectory, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        ArgumentNullException.ThrowIfNull(args);
        var fullDirectory = Path.GetFullPath(workingDirectory, builder.Options.AppHostDirectory ?? Directory.GetCurrentDirectory());
        var executable = new ExecutableResource(name, command, fullDirectory);
        executable.Annotations.Add(new CommandLineArgsAnnotation([.. args]));
        return builder.AddResource(executable);
    }
}
