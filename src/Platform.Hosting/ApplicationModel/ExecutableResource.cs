namespace Platform.Hosting.ApplicationModel;

/// <summary>Any program, run as a process.</summary>
/// <param name="name">The resource name.</param>
/// <param name="command">The program: a name looked up in PATH, or a path.</param>
/// <param name="workingDirectory">The working directory.</param>
public sealed class ExecutableResource(string name, string command, string workingDirectory)
    : Resource(name), IResourceWithEnvironment, IResourceWithArgs, IResourceWithServiceDiscovery
{
    /// <summary>The program.</summary>
    public string Command { get; } = command;

    /// <summary>The working directory.</summary>
    public string WorkingDirectory { get; } = workingDirectory;
}
