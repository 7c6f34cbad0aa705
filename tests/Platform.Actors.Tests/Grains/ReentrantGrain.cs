namespace Platform.Actors.Tests.Grains;

[Reentrant]
public sealed class ReentrantGrain : Grain, IReentrantGrain
{
    private int _inFlight;

    public async Task EnterAndWaitAsync()
    {
        _inFlight++;
        await Gate.For(this.GetPrimaryKeyLong()).Task;
        _inFlight--;
    }

    public Task<int> GetInFlightAsync() => Task.FromResult(_inFlight);
}
