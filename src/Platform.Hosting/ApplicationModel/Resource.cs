namespace Platform.Hosting.ApplicationModel;

/// <summary>The base of every resource: a name and its annotations.</summary>
public abstract class Resource : IResource
{
    /// <summary>Creates a resource named <paramref name="name"/>.</summary>
    protected Resource(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ResourceAnnotationCollection Annotations { get; } = [];

    /// <inheritdoc />
    public override string ToString() => Name;
}
