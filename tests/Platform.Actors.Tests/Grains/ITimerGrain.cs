namespace Platform.Actors.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);

    /// <summary>Starts a timer whose tick number <paramref name="ticks"/> asks the runtime to deactivate the grain.</summary>
    Task StartAndDeactivateAfterAsync(TimeSpan period, int ticks);

    Task<int> GetTicksAsync();

    Task<int> GetMaxConcurrentTicksAsync();
}
