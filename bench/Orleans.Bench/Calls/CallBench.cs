using System.Diagnostics;

namespace Orleans.Bench.Calls;

/// <summary>
/// A trivial method called directly, through one silo, across two silos over loopback TCP, and as a raw TCP echo, at
/// each concurrency: what Orleans adds over a method call and over the network.
/// </summary>
internal static class CallBench
{
    public const string Direct = "direct: plain object via interface";
    public const string Local = "local: silo's IGrainFactory -> grain";
    public const string LocalGrain = "local: grain -> grain, one silo";
    public const string CrossSilo = "cross-silo: grain -> grain, TCP";
    public const string RawTcp = "raw TCP echo, 1 connection/caller";

    public static async Task<List<Measurement>> RunAsync(TimeSpan duration, int[] concurrencies)
    {
        var results = new List<Measurement>();

        foreach (var callers in concurrencies)
        {
            results.Add(await MeasureAsync(Direct, callers, duration, Each(Enumerable.Repeat<IEcho>(new DirectEcho(), callers).ToArray())));
        }

        await using (var silo = await BenchSilo.StartAsync("calls-local"))
        {
            foreach (var callers in concurrencies)
            {
                var echoes = Enumerable.Range(0, callers).Select(i => silo.Grains.GetGrain<IEchoGrain>(i)).ToArray();
                results.Add(await MeasureAsync(Local, callers, duration, i => () => echoes[i].EchoAsync(1)));
            }

            foreach (var callers in concurrencies)
            {
                results.Add(await GrainToGrainAsync(LocalGrain, silo, silo, callers, duration));
            }
        }

        await using (var first = await BenchSilo.StartAsync("calls-cross"))
        await using (var second = await BenchSilo.StartAsync("calls-cross", primary: first))
        {
            foreach (var callers in concurrencies)
            {
                results.Add(await GrainToGrainAsync(CrossSilo, first, second, callers, duration));
            }
        }

        await using var server = new TcpEchoServer();
        foreach (var callers in concurrencies)
        {
            var clients = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => TcpEchoClient.ConnectAsync(server.EndPoint)));
            results.Add(await MeasureAsync(RawTcp, callers, duration, Each(clients)));
            Array.ForEach(clients, c => c.Dispose());
        }

        return results;
    }

    // Through the interface on purpose: the baseline is an interface call, as a grain reference's is.
    private static Func<int, Func<Task>> Each(IEcho[] echoes) => i => () => echoes[i].EchoAsync(1);

    private static async Task<Measurement> MeasureAsync(string name, int callers, TimeSpan duration, Func<int, Func<Task>> caller)
    {
        await ClosedLoop.RunAsync(name, callers, ClosedLoop.Warmup(duration), caller);
        return await ClosedLoop.RunAsync(name, callers, duration, caller);
    }

    // Caller grains on silo `from`, each with its own echo grain on silo `to`; each caller grain times its own calls.
    private static async Task<Measurement> GrainToGrainAsync(string name, BenchSilo from, BenchSilo to, int callers, TimeSpan duration)
    {
        var keys = Enumerable.Range(1000 * callers, callers).Select(k => (long)k).ToArray();
        var grains = keys.Select(k => from.Grains.GetGrain<ICallerGrain>(k)).ToArray();

        // Each grain is activated first from the silo it must live on (preferred-local placement); then the callers
        // say where they run and where their calls are answered.
        await Task.WhenAll(keys.Select(k => to.Grains.GetGrain<IEchoGrain>(k).WhereAsync()));
        var places = await Task.WhenAll(grains.Select((c, i) => c.WhereAsync(keys[i])));
        var crossing = places.Count(p => p.Caller != p.Echo);
        if (crossing != (from == to ? 0 : callers))
        {
            throw new InvalidOperationException(
                $"{name}: {crossing} of {callers} caller grains call an echo grain on another silo; the placement did not do what the bench needs.");
        }

        async Task<Measurement> RunAsync(TimeSpan length)
        {
            var started = Stopwatch.GetTimestamp();
            var deadline = ClosedLoop.Deadline(started, length);
            var histograms = await Task.WhenAll(grains.Select((c, i) => c.CallAsync(keys[i], deadline)));
            return new Measurement(name, callers, Stopwatch.GetElapsedTime(started), ClosedLoop.Merge(histograms));
        }

        await RunAsync(ClosedLoop.Warmup(duration));
        return await RunAsync(duration);
    }
}
