namespace Platform.Actors.Tests.Grains;

public interface IReentrantGrain : IGrainWithIntegerKey
{
    Task EnterAndWaitAsync();

    Task<int> GetInFlightAsync();
}
