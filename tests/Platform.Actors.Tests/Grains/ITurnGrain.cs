namespace Platform.Actors.Tests.Grains;

public interface ITurnGrain : IGrainWithIntegerKey
{
    /// <summary>Returns the most requests seen in flight at once.</summary>
    Task<int> WorkAsync();

    Task EnterAndWaitAsync();

    Task<int> GetInFlightAsync();

    [AlwaysInterleave]
    Task<int> PeekInFlightAsync();
}
