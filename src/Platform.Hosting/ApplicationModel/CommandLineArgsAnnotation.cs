namespace Platform.Hosting.ApplicationModel;

/// <summary>The command-line arguments of a resource's process.</summary>
/// <param name="Args">The arguments, one per element, unquoted.</param>
public sealed record CommandLineArgsAnnotation(IReadOnlyList<string> Args) : IResourceAnnotation;
