namespace Platform.Actors.Tests.Grains;

public interface IProfileGrain : IGrainWithStringKey
{
    Task SetNameAsync(string name);

    Task<string> GetNameAsync();

    Task<string?> GetETagAsync();

    Task<bool> GetRecordExistsAsync();

    Task ClearAsync();

    Task<Guid> GetActivationIdAsync();
}
