using System.Globalization;
using Platform.Tests.Shared;
using RenderFarm.Bench;

// The render farm's figures through the real AppHost (bank and farm, every process real): the makespan of one fixed
// job on 3, 2 and 1 farm silos beside the same frames rendered by a plain Parallel.For in this process, the scheduling
// overhead per frame when frames cost next to nothing, and the time a kill -9 of a farm silo mid-job costs.
// Fewer silos are had honestly, by killing them: the kill figures are taken on the way from 3 silos down to 1.
//
//   dotnet run -c Release --project bench/RenderFarm.Bench -- [runs per figure, default 3]
var runs = args is [var r] ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
// Tens of ms a frame on one core: heavy enough that rendering, not scheduling, should fill the makespan.
var job = new BenchJob("fixed", 48, 160, 90, 6000);
// The API's most frames per job, at its smallest size and cost: a frame is microseconds, the rest is the farm's.
var tiny = new BenchJob("tiny", 240, 16, 16, 10);
// An idle slot backs off to one ask a second; waiting this long before each job starts every one from that same state.
var settle = TimeSpan.FromSeconds(2);
var poll = TimeSpan.FromMilliseconds(250);
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
var ct = timeout.Token;

Console.WriteLine($"RenderFarm.Bench {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} cores ({Cpu()}), {MemoryGiB():F0} GiB; " +
    $"load {Load()}; {runs} runs per figure");

// The reference: every frame once on one thread (after one render to JIT the renderer), for the hashes and the cost.
_ = LocalRender.Sequential(tiny.Spec);
var (hashes, cost) = LocalRender.Sequential(job.Spec);
var (tinyHashes, tinyCost) = LocalRender.Sequential(tiny.Spec);
Console.WriteLine($"fixed job: {job}, lease {BenchJob.LeaseSeconds} s; a frame costs {cost.Average():F1} ms on one core here " +
    $"(min {cost.Min():F1}, max {cost.Max():F1}); all {job.Frames} frames {cost.Sum() / 1000:F2} s on one core");
Console.WriteLine($"tiny job: {tiny}; a frame costs {tinyCost.Average() * 1000:F0} µs on one core here");

var startedAt = Clock.Now;
var system = await BenchSystem.StartAsync(ct);
Console.WriteLine($"AppHost healthy after {Clock.Now - startedAt:F1} s (bank: 3 silos and its API; farm: 3 silos and its API; Redis; PostgreSQL)");
var exitCode = 0;
var outputFile = Path.Combine(Path.GetTempPath(), $"renderfarm-bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}.log");
try
{
    var alive = (await system.App.InstancesOfAsync("farm-silo", ct)).ToList();
    var names = alive.ToDictionary(i => i, system.SiloNameOf);
    Console.WriteLine($"farm silos: {string.Join(", ", alive.Select(i => $"{i} = {names[i]}"))}; slots per silo: the default, one per core ({Environment.ProcessorCount})");
    var user = await system.Admin.IssueAsync("bench");

    var blocks = new List<(int Silos, List<double> Local, List<JobRun> Farm)>();
    var kills = new List<(string Role, int SilosBefore, Kill Kill, double Baseline)>();
    var wrong = 0;

    await WarmUpAsync();
    blocks.Add(await MeasureAsync());

    // Scheduling overhead: the tiny job on all three silos, beside Parallel.For over the same tiny frames.
    var tinyRuns = new List<JobRun>();
    var tinyLocal = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        tinyLocal.Add(LocalRender.ParallelFor(tiny.Spec, tinyHashes));
        await Task.Delay(settle, ct);
        var run = await JobRunner.RunAsync(user, tiny, tinyHashes, poll);
        wrong += run.WrongFrames;
        tinyRuns.Add(run);
        Console.WriteLine($"  tiny, 3 silos, run {i + 1}: {run.Makespan:F2} s, {tiny.Frames / run.Makespan:F0} frames/s (first lease after {run.Pickup:F2} s; " +
            $"lease → accepted p50 {Percentile(run.LeaseToAccepted, 0.5) * 1000:F0} ms; per silo {run.PerSilo}; {Check(run)}); Parallel.For {tinyLocal[^1] * 1000:F1} ms");
    }

    // A silo that is not the job's coordinator dies: only the frames it was rendering are lost.
    kills.Add(("a worker silo (not the coordinator's)", alive.Count, await KillRunAsync(coordinator: false), Median(blocks[^1].Farm.Select(f => f.Makespan))));
    await WarmUpAsync();
    blocks.Add(await MeasureAsync());

    // The job's coordinator dies with its silo: it comes back on another from its stored state, fencing every open frame.
    kills.Add(("the coordinator's silo", alive.Count, await KillRunAsync(coordinator: true), Median(blocks[^1].Farm.Select(f => f.Makespan))));
    await WarmUpAsync();
    blocks.Add(await MeasureAsync());

    Console.WriteLine();
    Console.WriteLine($"Makespan of the fixed job ({job}; median of {runs}, min–max), beside Parallel.For over FractalRenderer in this process:");
    Console.WriteLine();
    Console.WriteLine("| farm silos | slots | farm makespan s | first lease after s | Parallel.For s | farm / Parallel.For | farm / 1 core, sequential |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
    var oneCore = cost.Sum() / 1000;
    foreach (var (silos, local, farm) in blocks.OrderBy(b => b.Silos))
    {
        var makespans = farm.Select(f => f.Makespan).ToList();
        Console.WriteLine($"| {silos} | {silos * Environment.ProcessorCount} | {Median(makespans):F2} ({makespans.Min():F2}–{makespans.Max():F2}) | " +
            $"{Median(farm.Select(f => f.Pickup)):F2} | {Median(local):F2} ({local.Min():F2}–{local.Max():F2}) | " +
            $"**{Median(makespans) / Median(local):F2}** | {Median(makespans) / oneCore:F2} |");
    }

    var tinyMakespan = Median(tinyRuns.Select(t => t.Makespan));
    var latencies = tinyRuns.SelectMany(t => t.LeaseToAccepted).ToList();
    Console.WriteLine();
    Console.WriteLine($"Scheduling overhead, tiny job ({tiny}; median of {runs}) on 3 farm silos:");
    Console.WriteLine();
    Console.WriteLine("| | makespan s | frames/s | ms per frame (makespan / frames) | one frame, lease → accepted, p50 / p95 ms |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    Console.WriteLine($"| farm, 3 silos | {tinyMakespan:F2} | {tiny.Frames / tinyMakespan:F0} | **{tinyMakespan * 1000 / tiny.Frames:F1}** | " +
        $"{Percentile(latencies, 0.5) * 1000:F1} / {Percentile(latencies, 0.95) * 1000:F1} |");
    Console.WriteLine($"| Parallel.For, this process | {Median(tinyLocal):F4} | {tiny.Frames / Median(tinyLocal):F0} | {Median(tinyLocal) * 1000 / tiny.Frames:F3} | {tinyCost.Average():F3} (render alone, one core) |");

    Console.WriteLine();
    Console.WriteLine($"Time lost to a kill -9 of a farm silo mid-job (after a third of the frames were accepted; fixed job, lease {BenchJob.LeaseSeconds} s):");
    Console.WriteLine();
    Console.WriteLine("| killed | silos before → after | frames it held | makespan with kill s | without (median) s | **time lost s** | its last held frame accepted elsewhere, s after kill | lease expiries | re-executions | stale results refused | frames right, accepted once |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var (role, before, kill, baseline) in kills)
    {
        var run = kill.Run;
        Console.WriteLine($"| {role} | {before} → {before - 1} | {kill.Held} | {run.Makespan:F2} | {baseline:F2} | **{run.Makespan - baseline:F2}** | " +
            $"{kill.HeldRedoneAfter:F2} | {run.LeaseExpiries} | {run.Reexecutions} | {run.StaleRefusals} | {job.Frames - run.WrongFrames} of {job.Frames} |");
    }

    Console.WriteLine();
    Console.WriteLine($"note: one machine with {Environment.ProcessorCount} cores runs everything (the bank's idle silos and API too); a farm silo has one slot per core, " +
        "so 3 silos run 6 frames at once on 2 cores and more silos add no CPU — the table is the price of distribution, not a speed-up. " +
        "Makespan is the coordinator's own: submitted → last frame accepted. Idle slots ask for work at most once a second, which is in 'first lease after'. " +
        "2 and 1 silos are what was left after each kill (the dead silo evicted, a warm-up job run first).");
    exitCode = wrong == 0 && kills.All(k => k.Kill.Run.WrongFrames == 0) && blocks.All(b => b.Farm.All(f => f.WrongFrames == 0)) ? 0 : 1;
    if (exitCode != 0)
    {
        Console.WriteLine("!!! some frames came out wrong or were accepted more than once: see the runs above");
    }

    async Task WarmUpAsync()
    {
        // JIT, connections and activations on the silos that are left, and proof the cluster serves before measuring.
        await Task.Delay(settle, ct);
        var run = await JobRunner.RunAsync(user, job, hashes, poll);
        Console.WriteLine($"warm-up on {alive.Count} silo(s): {run.Makespan:F2} s ({Check(run)}); load {Load()}");
    }

    async Task<(int, List<double>, List<JobRun>)> MeasureAsync()
    {
        var local = new List<double>();
        var farm = new List<JobRun>();
        for (var i = 0; i < runs; i++)
        {
            // Alternating, so a change in the machine's load falls on both sides alike.
            local.Add(LocalRender.ParallelFor(job.Spec, hashes));
            await Task.Delay(settle, ct);
            var run = await JobRunner.RunAsync(user, job, hashes, poll);
            farm.Add(run);
            Console.WriteLine($"  {alive.Count} silo(s), run {i + 1}: farm {run.Makespan:F2} s (first lease after {run.Pickup:F2} s; per silo {run.PerSilo}; {Check(run)}); " +
                $"Parallel.For {local[^1]:F2} s");
        }

        return (alive.Count, local, farm);
    }

    async Task<Kill> KillRunAsync(bool coordinator)
    {
        await Task.Delay(settle, ct);
        string? victim = null;
        var held = new List<int>();
        var killedWall = DateTimeOffset.MinValue;
        var killedAt = 0.0;
        var run = await JobRunner.RunAsync(user, job, hashes, TimeSpan.FromMilliseconds(50), status =>
        {
            if (victim is not null || status.GetProperty("done").GetInt32() < job.Frames / 3)
            {
                return Task.CompletedTask;
            }

            var coordinatorSilo = status.GetProperty("coordinatorSilo").GetString();
            var holders = status.GetProperty("frames").EnumerateArray()
                .SelectMany(f => f.GetProperty("holders").EnumerateArray().Select(h => (Frame: f.GetProperty("frame").GetInt32(), Silo: h.GetString()!.Split('#')[0])))
                .ToList();
            // The busiest silo of the wanted kind, so the kill takes frames with it.
            victim = alive
                .Where(i => (names[i] == coordinatorSilo) == coordinator)
                .OrderByDescending(i => holders.Count(h => h.Silo == names[i]))
                .FirstOrDefault() ?? alive[0];
            held = [.. holders.Where(h => h.Silo == names[victim]).Select(h => h.Frame)];
            killedWall = DateTimeOffset.UtcNow;
            killedAt = system.Kill(victim);
            return Task.CompletedTask;
        });
        if (victim is null)
        {
            throw new InvalidOperationException("The job finished before a third of its frames were seen done: nothing was killed.");
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(TimeSpan.FromSeconds(30));
        await system.App.WaitForInstanceAsync(victim, s => KnownResourceStates.TerminalStates.Contains(s), wait.Token);
        alive.Remove(victim);
        var redone = held.Count == 0 ? 0 : held.Max(f => run.AcceptedAt.TryGetValue(f, out var at) ? (at - killedWall).TotalSeconds : double.NaN);
        Console.WriteLine($"  kill -9 of {victim} ({names[victim]}, {(coordinator ? "the coordinator's silo" : "not the coordinator's")}) at +{killedAt:F1} s, holding frames " +
            $"[{string.Join(", ", held)}]: job {run.Makespan:F2} s (coordinator after: {run.CoordinatorSilo}; per silo {run.PerSilo}; {Check(run)}); load {Load()}");
        return new Kill(run, held.Count, redone);
    }
}
finally
{
    await system.WriteOutputAsync(outputFile);
    var stopping = Clock.Now;
    await system.DisposeAsync();
    Console.WriteLine($"stopped in {Clock.Now - stopping:F1} s; resource output: {outputFile}; run time {Clock.Now:F0} s");
}

return exitCode;

static string Check(JobRun run) =>
    run.Phase != "Completed" ? $"{run.Phase}!" :
    run.WrongFrames == 0 ? $"every frame's hash right, accepted once; {run.LeaseExpiries} lease expiries, {run.Reexecutions} re-executions"
    : $"{run.WrongFrames} FRAMES WRONG OR NOT ACCEPTED ONCE";

static double Median(IEnumerable<double> values) => Percentile([.. values], 0.5);

static double Percentile(IReadOnlyList<double> values, double p)
{
    if (values.Count == 0)
    {
        return double.NaN;
    }

    var sorted = values.Order().ToArray();
    var rank = p * (sorted.Length - 1);
    var low = (int)Math.Floor(rank);
    var high = (int)Math.Ceiling(rank);
    return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
}

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static string Cpu() => File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

static double MemoryGiB() => long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0;

/// <summary>A job run with a silo killed in it: the frames the silo held, and when the last of them was accepted elsewhere.</summary>
internal sealed record Kill(JobRun Run, int Held, double HeldRedoneAfter);
