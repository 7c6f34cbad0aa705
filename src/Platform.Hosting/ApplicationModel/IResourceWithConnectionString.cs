namespace Platform.Hosting.ApplicationModel;

/// <summary>A resource that other resources reach through a connection string (<c>ConnectionStrings__{name}</c>).</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>Returns the connection string, or null while the resource's endpoint is not allocated yet.</summary>
    string? GetConnectionString();
}
