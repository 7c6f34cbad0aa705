namespace Platform.Actors.Tests.Grains;

public interface ISlowActivationGrain : IGrainWithStringKey
{
    Task PingAsync();
}
