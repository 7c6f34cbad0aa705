namespace Orleans.Bench.Calls;

/// <summary>The baselines' call: the same shape as <see cref="IEchoGrain.EchoAsync"/>, without Orleans.</summary>
internal interface IEcho
{
    Task<int> EchoAsync(int value);
}
