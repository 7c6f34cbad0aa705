using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Platform.Actors.CodeGeneration;
using Platform.Actors.Membership;
using Platform.Actors.Placement;
using Platform.Actors.Testing;

namespace Platform.Actors.Bench;

/// <summary>Cross-silo call throughput and latency over loopback TCP beside raw TCP, and the time from a kill to the first successful call.</summary>
internal static class ClusterBench
{
    public static async Task RunAsync(TimeSpan duration)
    {
        Console.WriteLine();
        Console.WriteLine("Cluster: a call from silo A's grain factory to a grain on silo B (loopback TCP, one multiplexed connection A→B).");
        Console.WriteLine($"{"scenario",-34} {"callers",7} {"calls/s",12} {"p50 µs",9} {"p99 µs",9} {"vs baseline",12} {"B/call",8}");
        await using (var cluster = await TestCluster.StartAsync(b => b.InitialSilosCount = 2))
        {
            var caller = cluster.Silos[0].Services.GetRequiredService<IGrainFactory>();
            var grain = caller.GetGrain<IBenchGrain>(KeyOwnedBy(cluster.Silos[1].SiloAddress, cluster.Silos.Select(s => s.SiloAddress).ToArray()));
            await using var raw = new RawTcpEcho();
            foreach (var callers in new[] { 1, 64 })
            {
                var connections = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => raw.ConnectAsync()));
                var baseline = await LoadRunner.RunAsync("baseline: raw TCP, same framing", callers, duration, i => connections[i]());
                var remote = await LoadRunner.RunAsync("cross-silo grain call", callers, duration, _ => grain.AddAsync(1).AsTask());
                Print(baseline, baseline);
                Print(remote, baseline);
            }
        }

        Console.WriteLine();
        Console.WriteLine("Failover: kill the silo hosting a grain; time until a call to that grain succeeds on another silo (3 silos, probe 200 ms, 3 missed probes, 2 votes).");
        for (var run = 1; run <= 3; run++)
        {
            await using var cluster = await TestCluster.StartAsync();
            var victim = cluster.Silos[run % 3];
            var grain = cluster.Client.GetGrain<IBenchGrain>(KeyOwnedBy(victim.SiloAddress, cluster.Silos.Select(s => s.SiloAddress).ToArray()));
            await grain.AddAsync(1);
            var start = Stopwatch.GetTimestamp();
            await cluster.KillSiloAsync(victim);
            var failures = 0;
            while (true)
            {
                try
                {
                    await grain.AddAsync(1);
                    break;
                }
                catch (SiloUnavailableException)
                {
                    failures++;
                    await Task.Delay(10);
                }
            }

            Console.WriteLine($"run {run}: first successful call {Stopwatch.GetElapsedTime(start).TotalMilliseconds:0} ms after the kill ({failures} fast SiloUnavailable failures before it)");
        }
    }

    private static long KeyOwnedBy(SiloAddress owner, SiloAddress[] silos)
    {
        var type = GeneratedCodeRegistry.GetGrainType(typeof(IBenchGrain));
        for (long key = 1; ; key++)
        {
            if (RendezvousPlacement.PickOwner(new GrainId(type, GrainKeys.Format(key)), silos) == owner)
            {
                return key;
            }
        }
    }

    private static void Print(LoadRunner.Result result, LoadRunner.Result baseline) =>
        Console.WriteLine(
            $"{result.Name,-34} {result.Callers,7} {result.CallsPerSecond,12:N0} {result.P50Microseconds,9:0.0} {result.P99Microseconds,9:0.0} {result.CallsPerSecond / baseline.CallsPerSecond,11:0.00}x {result.BytesPerCall,8:0}");
}
