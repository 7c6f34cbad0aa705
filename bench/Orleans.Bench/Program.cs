using System.Diagnostics;
using System.Globalization;
using Orleans.Bench;
using Orleans.Bench.Calls;
using Orleans.Bench.Transfers;
using Platform.Hosting.Servers;

// What Orleans costs here: a trivial grain call against a direct call and a raw TCP echo, in one silo and across two
// silos over loopback TCP; then transfers as the bank's saga against Orleans transactions on the same PostgreSQL.
// Every baseline is measured in the same run. Usage: dotnet run -c Release --project bench/Orleans.Bench -- [seconds]
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var duration = TimeSpan.FromSeconds(seconds);
int[] concurrencies = [1, 64];
var started = Stopwatch.GetTimestamp();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Orleans bench: {seconds} s per measurement, {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, {Load()}"));

var calls = await CallBench.RunAsync(duration, concurrencies);
Report.Calls(calls, concurrencies);

await using var postgres = await LocalPostgresServer.StartAsync();
var saga = await TransferBench.SagaAsync(postgres, duration);
var transactions = await TransferBench.TransactionsAsync(postgres, duration);
Report.Transfers(saga, transactions);
Report.Summary(calls, saga, transactions, Stopwatch.GetElapsedTime(started));
Console.WriteLine("  at the end: " + Load());
return saga.Conserved && transactions.Conserved ? 0 : 1;

// Whatever else runs on the machine competes for its cores: print it beside the figures.
static string Load() => File.Exists("/proc/loadavg")
    ? "load average " + string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ')[..3]) + " (1/5/15 min)"
    : "load average unknown";
