using System.Diagnostics;
using System.Globalization;
using Platform.Hosting.Servers;
using Platform.Hosting.Testing;

// Cold start of the AppHost's model (fresh data folders, so initdb runs each time) until every resource is
// healthy, against a baseline measured in the same run: the same servers started bare through
// Platform.Hosting.Servers. Then the orchestrator's own memory while the model runs.
// Usage: dotnet run -c Release --project bench/Platform.Hosting.Bench [-- runs]
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;

Console.WriteLine($"Platform.Hosting cold start, {runs} runs after one warm-up, {Environment.ProcessorCount} cores");

var baseline = new List<double>();
var model = new List<double>();
var stops = new List<double>();
(long WorkingSet, long GcHeap, long Allocated)? memory = null;
for (var run = 0; run <= runs; run++)
{
    baseline.Add(await BareServersAsync());
    var (start, stop, used) = await AppHostModelAsync();
    model.Add(start);
    stops.Add(stop);
    memory = used;
}

// Drop the warm-up (first run).
baseline.RemoveAt(0);
model.RemoveAt(0);
stops.RemoveAt(0);
Report("bare servers (baseline)", baseline);
Report("AppHost model, all healthy", model);
Report("AppHost model, stop", stops);
Console.WriteLine(FormattableString.Invariant($"ratio model/baseline (p50): {Percentile(model, 50) / Percentile(baseline, 50):F2}"));
Console.WriteLine(FormattableString.Invariant($"orchestrator memory while running: working set {memory!.Value.WorkingSet / 1048576.0:F1} MiB, GC heap {memory.Value.GcHeap / 1048576.0:F1} MiB, allocated during the run {memory.Value.Allocated / 1048576.0:F1} MiB"));

static async Task<double> BareServersAsync()
{
    var clock = Stopwatch.StartNew();
    var redis = LocalRedisServer.StartAsync();
    var postgres = LocalPostgresServer.StartAsync();
    await using var redisServer = await redis;
    await using var postgresServer = await postgres;
    await postgresServer.CreateDatabaseAsync("bankdb");
    return clock.Elapsed.TotalMilliseconds;
}

static async Task<(double Start, double Stop, (long, long, long) Memory)> AppHostModelAsync()
{
    var allocatedBefore = GC.GetTotalAllocatedBytes();
    var clock = Stopwatch.StartNew();
    await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>();
    var app = await builder.BuildAsync();
    await app.StartAsync();
    foreach (var resource in app.Model.Resources)
    {
        await app.WaitForResourceHealthyAsync(resource.Name);
    }

    var start = clock.Elapsed.TotalMilliseconds;
    GC.Collect();
    using var self = Process.GetCurrentProcess();
    var memory = (self.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false), GC.GetTotalAllocatedBytes() - allocatedBefore);
    clock.Restart();
    await app.DisposeAsync();
    return (start, clock.Elapsed.TotalMilliseconds, memory);
}

static void Report(string name, List<double> samples)
    => Console.WriteLine(FormattableString.Invariant($"{name,-28} p50 {Percentile(samples, 50),8:F0} ms   min {samples.Min(),8:F0} ms   max {samples.Max(),8:F0} ms"));

static double Percentile(List<double> samples, int percentile)
{
    var sorted = samples.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
