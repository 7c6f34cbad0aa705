using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting.Testing;

/// <summary>Lets a test change a resource the AppHost declared, before the app is built.</summary>
public static class ResourceBuilderLookupExtensions
{
    /// <summary>
    /// Returns a builder for the resource named <paramref name="name"/>, e.g.
    /// <c>builder.CreateResourceBuilder&lt;ProjectResource&gt;("api").WithEnvironment("Feature__X", "on")</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No resource of that name and type exists.</exception>
    public static IResourceBuilder<T> CreateResourceBuilder<T>(this IDistributedApplicationBuilder builder, string name)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var resource = builder.Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
        return resource is T typed
            ? builder.CreateResourceBuilder(typed)
            : throw new ArgumentException(resource is null
                ? $"The app model has no resource named '{name}'."
                : $"Resource '{name}' is a {resource.GetType().Name}, not a {typeof(T).Name}.", nameof(name));
    }
}
