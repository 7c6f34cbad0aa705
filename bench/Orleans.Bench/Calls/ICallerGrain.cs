namespace Orleans.Bench.Calls;

/// <summary>
/// A grain that calls an echo grain in a closed loop: grain-to-grain calls, measured where they are made. It takes
/// the echo grain's key, not a reference: a reference handed over from another silo of this process keeps that
/// silo's runtime (local calls deep-copy arguments, and a reference copies as itself), so its calls would leave from
/// there and never cross the network.
/// </summary>
internal interface ICallerGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Calls until <paramref name="deadline"/>, a <see cref="System.Diagnostics.Stopwatch"/> timestamp (every silo runs
    /// in this process): one deadline for all callers, so a caller grain that waits for a thread stops with the others.
    /// </summary>
    [ResponseTimeout("01:00:00")]   // the loop runs for the whole measurement, longer than the default 30 s
    Task<Histogram> CallAsync(long echoKey, long deadline);

    /// <summary>Where this grain runs, and where its calls to echo grain <paramref name="echoKey"/> are answered.</summary>
    Task<(string Caller, string Echo)> WhereAsync(long echoKey);
}
