namespace Platform.Hosting.ApplicationModel;

/// <summary>Configures one resource of the app model; every <c>WithX</c> extension takes and returns it.</summary>
/// <typeparam name="T">The resource type.</typeparam>
public interface IResourceBuilder<out T>
    where T : IResource
{
    /// <summary>The application builder the resource belongs to.</summary>
    IDistributedApplicationBuilder ApplicationBuilder { get; }

    /// <summary>The resource being configured.</summary>
    T Resource { get; }
}
