namespace Platform.Actors.Tests.Grains;

/// <summary>Not reentrant: requests must never overlap.</summary>
public sealed class TurnGrain : Grain, ITurnGrain
{
    private int _inFlight;
    private int _max;

    public async Task<int> WorkAsync()
    {
        _max = Math.Max(_max, ++_inFlight);
        await Task.Delay(2);
        await Task.Yield();
        _inFlight--;
        return _max;
    }

    public async Task EnterAndWaitAsync()
    {
        _inFlight++;
        await Gate.For(this.GetPrimaryKeyLong()).Task;
        _inFlight--;
    }

    public Task<int> GetInFlightAsync() => Task.FromResult(_inFlight);

    public Task<int> PeekInFlightAsync() => Task.FromResult(_inFlight);
}
