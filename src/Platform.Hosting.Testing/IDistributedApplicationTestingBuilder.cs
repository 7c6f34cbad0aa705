namespace Platform.Hosting.Testing;

/// <summary>
/// An app model prepared for a test: free random ports, its own temporary data and state folders, no console echo.
/// Change configuration, options or resources before <see cref="BuildAsync"/>.
/// </summary>
public interface IDistributedApplicationTestingBuilder : IDistributedApplicationBuilder, IAsyncDisposable
{
    /// <summary>Builds the application; disposing it stops every process and deletes the test's folders.</summary>
    Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default);
}
