namespace Platform.Actors.Tests.Grains;

public interface IContextGrain : IGrainWithGuidKey
{
    Task<string?> GetValueAsync(string key);

    Task<string?> GetValueFromCalleeAsync(Guid callee, string key);

    Task<string?> GetTraceParentAsync();
}
