namespace Orleans.Bench.Calls;

internal interface IEchoGrain : IGrainWithIntegerKey
{
    Task<int> EchoAsync(int value);

    /// <summary>The silo this activation runs on, to prove where a measurement's calls went.</summary>
    Task<string> WhereAsync();
}
