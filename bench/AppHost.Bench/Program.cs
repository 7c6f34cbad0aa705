using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AppHost.Bench;

// Starting the whole system: the AppHost (Aspire's testing builder, each run in a fresh process) until redis, postgres,
// bankdb, silo and api are healthy, cold (a fresh data folder: initdb runs) and warm (the previous run's folder), beside
// the bare servers started by hand with the same recipes in the same run; then the memory of the orchestration with
// the dashboard on; optionally `dotnet run --project AppHost` as a user runs it.
//
//   dotnet run -c Release --project bench/AppHost.Bench -- [--runs N] [--dotnet-run]
//
// The AppHost starts its projects in its own configuration: build it in the bench's first (dotnet build -c Release AppHost).
if (args is ["--child", var childKind, var childData, var childResult, .. var childRest])
{
    using var childTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
    var result = await AppHostRun.RunAsync(childData, dashboard: childRest.Contains("--dashboard"), childTimeout.Token);
    await File.WriteAllTextAsync(childResult, JsonSerializer.Serialize(result));
    Console.Error.WriteLine($"  [{childKind}] all healthy {S(result.AllHealthyMs)} s");
    return 0;
}

var runs = 3;
var dotnetRun = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--runs" when i + 1 < args.Length:
            runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--dotnet-run":
            dotnetRun = true;
            break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; usage: [--runs N] [--dotnet-run]");
            return 2;
    }
}

#if DEBUG
const string Configuration = "Debug";
#else
const string Configuration = "Release";
#endif

using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(60));
var root = Directory.CreateTempSubdirectory("apphost-bench-");
// PostgreSQL runs as the postgres user when root, who must be able to pass through every folder above its data.
Reachable(root);
Console.WriteLine($"AppHost.Bench {DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores, {Configuration}, {runs} runs each, load {ProcFs.LoadAverage()}");

var bareCold = new List<BareResult>();
var bareWarm = new List<BareResult>();
var appCold = new List<AppHostResult>();
var appWarm = new List<AppHostResult>();
var dotnetRuns = new List<(string Kind, DotnetRunResult Result)>();
AppHostResult memoryRun;
try
{
    await BareServers.WarmUpAsync();
    string bareFolder = "", appFolder = "";

    // Cold and warm interleaved bare / AppHost, so load from others on the shared machine falls on both alike.
    for (var i = 1; i <= runs; i++)
    {
        bareFolder = Folder($"bare-cold-{i}");
        bareCold.Add(await BareServers.RunAsync(bareFolder, timeout.Token));
        appFolder = Folder($"apphost-cold-{i}");
        appCold.Add(await ChildAsync("cold", appFolder, dashboard: false));
        Console.WriteLine($"cold {i}/{runs}: AppHost {S(appCold[^1].AllHealthyMs)} s, bare {S(bareCold[^1].AllMs)} s");
    }

    for (var i = 1; i <= runs; i++)
    {
        bareWarm.Add(await BareServers.RunAsync(bareFolder, timeout.Token));
        appWarm.Add(await ChildAsync("warm", appFolder, dashboard: false));
        Console.WriteLine($"warm {i}/{runs}: AppHost {S(appWarm[^1].AllHealthyMs)} s, bare {S(bareWarm[^1].AllMs)} s");
    }

    memoryRun = await ChildAsync("warm+dashboard", appFolder, dashboard: true);
    Console.WriteLine($"warm with the dashboard: AppHost {S(memoryRun.AllHealthyMs)} s");

    if (dotnetRun)
    {
        var folder = Folder("dotnet-run");
        foreach (var kind in new[] { "cold", "warm" })
        {
            var result = await DotnetRun.RunAsync(RepositoryRoot(), Configuration, folder, timeout.Token);
            dotnetRuns.Add((kind, result));
            Console.WriteLine($"dotnet run ({kind}): /health 200 after {S(result.HealthyMs)} s");
        }
    }
}
finally
{
    root.Delete(recursive: true);
}

Console.WriteLine($"load after: {ProcFs.LoadAverage()}");
Console.WriteLine();
Console.WriteLine("AppHost (testing builder, dashboard off), s from StartAsync; each run a fresh process:");
Console.WriteLine();
Console.WriteLine("| until | cold median | cold min–max | warm median | warm min–max |");
Console.WriteLine("|---|---:|---:|---:|---:|");
Row("CreateAsync + BuildAsync (before StartAsync)", r => r.CreateBuildMs);
Row("StartAsync returned", r => r.StartReturnedMs);
foreach (var resource in AppHostRun.Resources)
{
    Row($"{resource} healthy", r => r.HealthyMs[resource]);
}

Row("**every resource healthy**", r => r.AllHealthyMs);
Row("api /health answers (own 50 ms poll)", r => r.ApiAnswersMs ?? double.NaN);
Row("stop: DisposeAsync until every process is gone", r => r.StopMs);
Console.WriteLine();
Console.WriteLine($"warm runs where PostgreSQL replayed its WAL (the previous run's stop was not clean): {appWarm.Count(r => r.PostgresRecovered)} of {appWarm.Count}");

Console.WriteLine();
Console.WriteLine("Baseline: bare redis-server and postgres by hand (same recipes, both at once, 50 ms polls), s from start:");
Console.WriteLine();
Console.WriteLine("| until | cold median | cold min–max | warm median | warm min–max |");
Console.WriteLine("|---|---:|---:|---:|---:|");
BareRow("redis answers AUTH + PING", r => r.RedisMs);
BareRow("initdb done", r => r.InitdbMs);
BareRow("postgres answers SELECT 1", r => r.PostgresMs);
BareRow("**bankdb created (both ready)**", r => r.AllMs);

double Ratio(List<AppHostResult> app, Func<AppHostResult, double> a, List<BareResult> bare, Func<BareResult, double> b) =>
    Median(app.Select(a)) / Median(bare.Select(b));

Console.WriteLine();
Console.WriteLine($"ratio AppHost every resource healthy / bare servers ready: cold {Ratio(appCold, r => r.AllHealthyMs, bareCold, r => r.AllMs):F1}, warm {Ratio(appWarm, r => r.AllHealthyMs, bareWarm, r => r.AllMs):F1}");
Console.WriteLine($"ratio AppHost bankdb healthy / bare bankdb created (servers only): cold {Ratio(appCold, r => r.HealthyMs["bankdb"], bareCold, r => r.AllMs):F1}, warm {Ratio(appWarm, r => r.HealthyMs["bankdb"], bareWarm, r => r.AllMs):F1}");

foreach (var (name, list) in new[] { ("cold", appCold), ("warm", appWarm) })
{
    var median = list.OrderBy(r => r.AllHealthyMs).ElementAt(list.Count / 2);
    Console.WriteLine();
    Console.WriteLine($"Where the time goes, the median {name} run (s from StartAsync). States: when any replica first showed it. Aspire checks health once a resource is Running, then 1, 2, 3… s after each unhealthy answer; 'checks' are when each check finished:");
    Console.WriteLine();
    Console.WriteLine("| resource | states | running (last replica) | checks finished | healthy |");
    Console.WriteLine("|---|---|---:|---|---:|");
    foreach (var t in median.Timeline)
    {
        var states = string.Join(" → ", t.States.Select(x => $"{x.State} {S(x.AtMs)}"));
        Console.WriteLine($"| {t.Resource} | {states} | {S(t.RunningMs)} | {string.Join(", ", t.ChecksMs.Select(c => S(c)))} | {S(t.HealthyMs)} |");
    }
}

Console.WriteLine();
Console.WriteLine($"Memory while the system runs (warm, dashboard on, 5 s after every resource was healthy at {S(memoryRun.AllHealthyMs)} s); the AppHost row is this process's RSS minus its RSS just before CreateAsync:");
Console.WriteLine();
Console.WriteLine("| process | count | RSS MiB | PSS MiB |");
Console.WriteLine("|---|---:|---:|---:|");
foreach (var row in memoryRun.Memory)
{
    Console.WriteLine($"| {row.What} | {row.Count} | {M(row.RssKiB)} | {M(row.PssKiB)} |");
}

bool Is(MemoryRow r, params string[] prefixes) => prefixes.Any(p => r.What.StartsWith(p, StringComparison.Ordinal));
var orchestration = memoryRun.Memory.Where(r => Is(r, "AppHost", "dcp", "dashboard")).ToList();
var launchers = memoryRun.Memory.Where(r => Is(r, "dotnet run")).ToList();
var workload = memoryRun.Memory.Except(orchestration).Except(launchers).ToList();
Console.WriteLine($"| **orchestration: AppHost + dcp + dashboard** | | {M(orchestration.Sum(r => r.RssKiB))} | {M(orchestration.Sum(r => r.PssKiB))} |");
Console.WriteLine($"| **+ the `dotnet run` launchers** | | {M(orchestration.Concat(launchers).Sum(r => r.RssKiB))} | {M(orchestration.Concat(launchers).Sum(r => r.PssKiB))} |");
Console.WriteLine($"| **what it runs: servers + bank projects** | | {M(workload.Sum(r => r.RssKiB))} | {M(workload.Sum(r => r.PssKiB))} |");
var bare = bareWarm[^1];
Console.WriteLine($"| baseline: bare redis-server | 1 | {M(bare.RedisRssKiB)} | |");
Console.WriteLine($"| baseline: bare postgres (all its processes, no clients) | | {M(bare.PostgresRssKiB)} | {M(bare.PostgresPssKiB)} |");
Console.WriteLine();
foreach (var row in memoryRun.Memory.Where(r => Is(r, "dotnet run", "dcp monitor", "dashboard")))
{
    Console.WriteLine($"e.g. {row.What}: `{row.Example}`");
}

if (dotnetRuns.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine("`dotnet run --project AppHost --no-build` (launch profile http, dashboard on), s from launch:");
    Console.WriteLine();
    Console.WriteLine("| run | GET localhost:5080/health = 200 | stop | stopped by | processes | left |");
    Console.WriteLine("|---|---:|---:|---|---:|---|");
    foreach (var (kind, r) in dotnetRuns)
    {
        Console.WriteLine($"| {kind} | {S(r.HealthyMs)} | {S(r.StopMs)} | {r.StoppedBy} | {r.Processes} | {(r.Left.Count == 0 ? "none" : string.Join(", ", r.Left))} |");
    }
}

var leftovers = appCold.Concat(appWarm).Append(memoryRun).SelectMany(r => r.Left).ToList();
Console.WriteLine();
Console.WriteLine(leftovers.Count == 0 ? "every disposed AppHost left no process behind" : $"left behind: {string.Join(", ", leftovers)}");
return 0;

void Row(string name, Func<AppHostResult, double> value) =>
    Console.WriteLine($"| {name} | {S(Median(appCold.Select(value)))} | {Range(appCold.Select(value))} | {S(Median(appWarm.Select(value)))} | {Range(appWarm.Select(value))} |");

void BareRow(string name, Func<BareResult, double> value) =>
    Console.WriteLine($"| {name} | {S(Median(bareCold.Select(value)))} | {Range(bareCold.Select(value))} | {S(Median(bareWarm.Select(value)))} | {Range(bareWarm.Select(value))} |");

string Folder(string name)
{
    var folder = Directory.CreateDirectory(Path.Combine(root.FullName, name));
    Reachable(folder);
    return folder.FullName;
}

async Task<AppHostResult> ChildAsync(string kind, string dataDirectory, bool dashboard)
{
    var resultFile = Path.Combine(root.FullName, $"result-{Guid.NewGuid():N}.json");
    var psi = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
    foreach (var argument in new[] { "--child", kind, dataDirectory, resultFile }.Concat(dashboard ? ["--dashboard"] : []))
    {
        psi.ArgumentList.Add(argument);
    }

    using var child = Process.Start(psi)!;
    await child.WaitForExitAsync(timeout.Token);
    if (child.ExitCode != 0)
    {
        throw new InvalidOperationException($"the {kind} AppHost run failed (exit code {child.ExitCode}); its output is above");
    }

    var result = JsonSerializer.Deserialize<AppHostResult>(await File.ReadAllTextAsync(resultFile, timeout.Token))!;
    File.Delete(resultFile);
    return result;
}

static void Reachable(DirectoryInfo folder)
{
    if (!OperatingSystem.IsWindows())
    {
        folder.UnixFileMode |= UnixFileMode.OtherExecute;
    }
}

static string RepositoryRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "Platform.sln")))
        {
            return folder.FullName;
        }
    }

    throw new InvalidOperationException("Platform.sln not found above the bench's folder.");
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string Range(IEnumerable<double> values)
{
    var list = values.ToList();
    return $"{S(list.Min())}–{S(list.Max())}";
}

static string S(double? ms) => ms is { } value && !double.IsNaN(value) ? (value / 1000).ToString("F2", CultureInfo.InvariantCulture) : "–";

static string M(long kib) => (kib / 1024.0).ToString("F0", CultureInfo.InvariantCulture);
