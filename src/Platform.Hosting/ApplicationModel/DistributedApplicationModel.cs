namespace Platform.Hosting.ApplicationModel;

/// <summary>The resources an app model declares, in declaration order.</summary>
/// <param name="resources">The resources.</param>
public sealed class DistributedApplicationModel(IReadOnlyList<IResource> resources)
{
    /// <summary>The resources, in declaration order.</summary>
    public IReadOnlyList<IResource> Resources { get; } = resources;

    /// <summary>Returns the resource named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No resource has that name.</exception>
    public IResource GetResource(string name)
        => Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
           ?? throw new ArgumentException($"The app model has no resource named '{name}'. Resources: {string.Join(", ", Resources.Select(r => r.Name))}.", nameof(name));
}
