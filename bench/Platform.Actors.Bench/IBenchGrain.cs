namespace Platform.Actors.Bench;

public interface IBenchGrain : IGrainWithIntegerKey
{
    ValueTask<long> AddAsync(int value);
}
