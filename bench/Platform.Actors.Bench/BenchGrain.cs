namespace Platform.Actors.Bench;

public sealed class BenchGrain : Grain, IBenchGrain
{
    private long _sum;

    public ValueTask<long> AddAsync(int value) => ValueTask.FromResult(_sum += value);
}
