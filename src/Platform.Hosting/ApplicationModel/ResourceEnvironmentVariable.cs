namespace Platform.Hosting.ApplicationModel;

/// <summary>One environment variable given to a resource, as it may be shown.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="Value">The value, or <see cref="Mask"/> when <paramref name="IsSecret"/> is true.</param>
/// <param name="IsSecret">True when the value was masked.</param>
public sealed record ResourceEnvironmentVariable(string Name, string Value, bool IsSecret)
{
    /// <summary>What a secret value is shown as.</summary>
    public const string Mask = "••••••";
}
