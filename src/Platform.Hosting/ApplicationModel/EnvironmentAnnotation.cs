namespace Platform.Hosting.ApplicationModel;

/// <summary>One environment variable given to a resource's processes; its value is computed at each start.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="Value">Computes the value.</param>
/// <param name="IsSecret">True when the value must be masked wherever it is shown.</param>
public sealed record EnvironmentAnnotation(string Name, Func<string> Value, bool IsSecret) : IResourceAnnotation;
