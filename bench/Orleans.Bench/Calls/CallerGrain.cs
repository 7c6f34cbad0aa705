using Orleans.Placement;

namespace Orleans.Bench.Calls;

[PreferLocalPlacement]
internal sealed class CallerGrain : Grain, ICallerGrain
{
    public Task<Histogram> CallAsync(long echoKey, long deadline)
    {
        var echo = GrainFactory.GetGrain<IEchoGrain>(echoKey);
        return ClosedLoop.LoopAsync(() => echo.EchoAsync(1), deadline);
    }

    public async Task<(string Caller, string Echo)> WhereAsync(long echoKey) =>
        (RuntimeIdentity, await GrainFactory.GetGrain<IEchoGrain>(echoKey).WhereAsync());
}
