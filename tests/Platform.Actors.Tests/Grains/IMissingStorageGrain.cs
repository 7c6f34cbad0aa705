namespace Platform.Actors.Tests.Grains;

public interface IMissingStorageGrain : IGrainWithStringKey
{
    Task PingAsync();
}
