namespace Platform.Actors.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);

    Task<int> GetTicksAsync();

    Task<int> GetMaxConcurrentTicksAsync();
}
