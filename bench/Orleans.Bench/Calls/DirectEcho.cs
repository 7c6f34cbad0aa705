namespace Orleans.Bench.Calls;

internal sealed class DirectEcho : IEcho
{
    public Task<int> EchoAsync(int value) => Task.FromResult(value);
}
