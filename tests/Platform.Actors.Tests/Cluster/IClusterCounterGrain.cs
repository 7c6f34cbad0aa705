namespace Platform.Actors.Tests.Cluster;

public interface IClusterCounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    Task<string> GetSiloAsync();

    Task<Guid> GetActivationIdAsync();

    Task HangAsync();

    Task ThrowAsync(string message);
}
