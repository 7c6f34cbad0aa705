namespace Platform.Hosting.ApplicationModel;

/// <summary>A resource that lives inside another one, as a database lives in its server.</summary>
public interface IResourceWithParent : IResource
{
    /// <summary>The resource this one belongs to.</summary>
    IResource Parent { get; }
}
