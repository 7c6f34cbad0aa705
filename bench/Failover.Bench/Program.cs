using System.Globalization;
using Failover.Bench;
using Platform.Tests.Shared;

// Failover through the real API: the time from a silo's SIGKILL until every account it served takes transfers again,
// against the same loop's gaps with no fault, and what the restarted silo's rejoin costs. Then money is counted.
//
//   dotnet run -c Release --project bench/Failover.Bench -- [rounds, default 3]
const int AccountCount = 24;
const decimal Funding = 1000m;
// A request to a dead silo holds its loop for up to the 3 s response timeout; eight loops keep the live accounts busy meanwhile.
const int Tellers = 8;
const double GoalSeconds = 5;
var window = TimeSpan.FromSeconds(15);
var rejoinSettle = TimeSpan.FromSeconds(10);

var rounds = args is [var r] ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
var ct = timeout.Token;
Console.WriteLine($"Failover.Bench {DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores, {rounds} rounds, load {Load()}");

var startedAt = Clock.Now;
var bank = await BankSystem.StartAsync(ct);
Console.WriteLine($"AppHost healthy after {Clock.Now - startedAt:F1} s");
var exitCode = 0;
var logFile = Path.Combine(Path.GetTempPath(), $"failover-bench-{DateTime.Now:yyyyMMdd-HHmmss}.log");
try
{
    var tellers = new List<BankClient>();
    for (var i = 0; i < Tellers; i++)
    {
        // One teller per loop: the rate limit (100 requests a second) is per caller.
        tellers.Add(await bank.Admin.IssueAsync($"teller-{i}", "teller"));
    }

    var accounts = new List<string>();
    for (var i = 0; i < AccountCount; i++)
    {
        var customer = await bank.Admin.IssueAsync($"customer-{i}", "customer");
        var account = await customer.OpenAsync();
        await tellers[0].DepositAsync(account, Funding);
        accounts.Add(account);
    }

    var silos = await bank.App.InstancesOfAsync("silo", ct);
    Console.WriteLine($"{AccountCount} accounts funded with {Funding} each; silo instances: {string.Join(", ", silos)}");

    var load = new TransferLoad(tellers, accounts);
    using var stop = new CancellationTokenSource();
    var running = load.RunAsync(stop.Token);
    await Task.Delay(TimeSpan.FromSeconds(10), ct); // warm-up: JIT, connection pools, every grain activated

    var baselineFrom = Clock.Now;
    await Task.Delay(window, ct);
    // Only gaps ending in a window count, so the baseline is complete as soon as it ends.
    var baseline = Window.Measure(load.Attempts, AccountCount, baselineFrom, Clock.Now);

    var results = new List<(int Replica, Window Fault, double Evicted, double Restart, double Joined, Window Rejoin)>();
    for (var round = 1; round <= rounds; round++)
    {
        var replica = (round - 1) % silos.Count;
        var instance = silos[replica];
        var killedAt = bank.Kill(instance);
        await bank.App.WaitForInstanceAsync(instance, s => KnownResourceStates.TerminalStates.Contains(s), ct);
        var exitSeen = Clock.Now - killedAt;
        while (!load.AllServedAfter(killedAt) && Clock.Now - killedAt < 60)
        {
            await Task.Delay(50, ct);
        }

        var servedAgain = Clock.Now - killedAt;
        var faultTo = Math.Max(killedAt + window.TotalSeconds, Clock.Now + 2);
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, faultTo - Clock.Now)), ct);

        var restartFrom = Clock.Now;
        await bank.App.StartAsync(instance, ct);
        await bank.App.WaitForInstanceServingAsync(instance, ct);
        var restart = Clock.Now - restartFrom;
        await Task.Delay(rejoinSettle, ct);
        var rejoinTo = Clock.Now;

        // Orleans' own account: when the survivors voted the dead silo out, and when the restarted one became active.
        var evicted = FirstMessage(bank.Log, killedAt, faultTo, m => m.Text.StartsWith("Evicting", StringComparison.Ordinal)) - killedAt;
        var joined = FirstMessage(bank.Log, restartFrom, rejoinTo, m => m.Text.StartsWith("-Finished BecomeActive", StringComparison.Ordinal)) - restartFrom;
        var reasons = bank.Log.Messages(killedAt, faultTo)
            .Select(m => UnavailableReason().Match(m.Text)).Where(m => m.Success).GroupBy(m => m.Groups[1].Value)
            .Select(g => $"{g.Key} x{g.Count()}");
        var attempts = load.Attempts;
        var fault = Window.Measure(attempts, AccountCount, killedAt, faultTo);
        var rejoin = Window.Measure(attempts, AccountCount, restartFrom, rejoinTo);
        results.Add((replica, fault, evicted, restart, joined, rejoin));
        Console.WriteLine();
        Console.WriteLine($"round {round}: SIGKILL of silo replica {replica} ({instance}) at +{killedAt:F1} s (load {Load()}); Aspire saw it exit after {exitSeen:F2} s; " +
            $"Orleans evicted it after {S(evicted)} s; every account served again after {servedAgain:F2} s (polled every 50 ms)");
        Console.WriteLine($"  while it was dead: {fault.Unavailable} x 503 (answered after p50 {S(fault.P50UnavailableAnswer)} s), " +
            $"{fault.Others} other, {fault.Hung} hung > {BankSystem.ClientTimeout.TotalSeconds:0} s; slowest answer {S(fault.SlowestAnswer)} s; " +
            $"a transfer took at most {S(fault.WorstTransfer)} s from first send to 200 (baseline {S(baseline.WorstTransfer)} s); " +
            $"the API's reasons for 503: {string.Join(", ", reasons)}");
        Console.WriteLine($"  rejoin: its own /health answered 200 {restart:F1} s after Aspire's start command, Orleans had it active after {S(joined)} s; over the {rejoinTo - restartFrom:F0} s after it: " +
            $"worst gap {S(rejoin.WorstGap)} s, {rejoin.Unavailable} x 503, {rejoin.Others} other, {rejoin.Hung} hung, slowest answer {S(rejoin.SlowestAnswer)} s");
        PrintLog(bank.Log, killedAt, killedAt + fault.WorstServedAgain + 0.5, "after the kill");
        PrintLog(bank.Log, restartFrom, rejoinTo, "during the rejoin");
    }

    await stop.CancelAsync();
    await running;
    Console.WriteLine($"baseline over {window.TotalSeconds:0} s without a fault: worst gap {S(baseline.WorstGap)} s, p50 of the accounts' longest gaps {S(baseline.P50GapAll)} s, " +
        $"slowest answer {S(baseline.SlowestAnswer)} s, slowest transfer {S(baseline.WorstTransfer)} s");
    var unanswered = load.UnansweredCount;
    var unsettled = await load.SettleAsync();
    var all = load.Attempts;

    Console.WriteLine();
    Console.WriteLine($"{all.Count} transfer requests, {all.Count(a => a.Succeeded)} answered 200; load after: {Load()}");
    Console.WriteLine();
    Console.WriteLine("| round | killed replica | worst gap s | p50 gap s (affected) | affected accounts | 503s | others | hung > 10 s | evicted s after kill | every account served again s after kill | restart → own /health s | restart → Orleans active s | rejoin worst gap s | rejoin non-200 |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (var i = 0; i < results.Count; i++)
    {
        var (replica, f, evicted, restart, joined, j) = results[i];
        Console.WriteLine($"| {i + 1} | {replica} | {S(f.WorstGap)} | {S(f.P50GapAffected)} | {f.Affected} of {AccountCount} | {f.Unavailable} | {f.Others} | {f.Hung} | {S(evicted)} | {S(f.WorstServedAgain)} | {restart:F1} | {S(joined)} | {S(j.WorstGap)} | {j.Unavailable + j.Others + j.Hung} |");
    }

    Console.WriteLine($"| baseline: no fault, {window.TotalSeconds:0} s | – | {S(baseline.WorstGap)} | {S(baseline.P50GapAll)} (all accounts) | {baseline.Affected} | {baseline.Unavailable} | {baseline.Others} | {baseline.Hung} | – | – | – | – | – | – |");
    Console.WriteLine();
    Console.WriteLine($"goal: every account serves again within {GoalSeconds:0} s of the kill: " + string.Join("; ", results.Select((x, i) =>
        x.Fault.WorstServedAgain <= GoalSeconds ? $"round {i + 1} met ({S(x.Fault.WorstServedAgain)} s)" : $"round {i + 1} MISSED by {S(x.Fault.WorstServedAgain - GoalSeconds)} s")));
    var others = load.Others.ToList();
    if (others.Count > 0)
    {
        Console.WriteLine($"!!! {others.Count} answers other than 200 or 503 (bugs), e.g. {others[0]}");
    }

    // Money: every transfer answered 200 in the end (retried under its key), and the balances add up to the funding.
    var total = 0m;
    foreach (var account in accounts)
    {
        total += await tellers[0].BalanceAsync(account);
    }

    var funded = AccountCount * Funding;
    Console.WriteLine($"settled: {unanswered} transfers unanswered when the load stopped, retried under their keys: {unanswered - unsettled.Count} answered 200" +
        (unsettled.Count > 0 ? $", NOT settled: {string.Join(", ", unsettled)}" : ""));
    Console.WriteLine($"money: funded {funded:F2}, balances add up to {total:F2}: {(total == funded && unsettled.Count == 0 ? "conserved" : "NOT CONSERVED")}");
    exitCode = total == funded && unsettled.Count == 0 ? 0 : 1;
}
finally
{
    await File.WriteAllLinesAsync(logFile, bank.Log.Lines.Select(l => $"{l.At,8:F3} {l.Resource}: {l.Text}"), CancellationToken.None);
    var stopping = Clock.Now;
    var left = await bank.StopAsync();
    Console.WriteLine($"stopped in {Clock.Now - stopping:F1} s; {(left.Count == 0 ? "no process left behind" : "LEFT BEHIND: " + string.Join(", ", left))}; " +
        $"resource logs: {logFile}; run time {Clock.Now:F0} s");
}

return exitCode;

static double FirstMessage(ResourceLog log, double from, double to, Func<LoggedMessage, bool> isWanted) =>
    log.Messages(from, to).Where(isWanted).Select(m => m.At).DefaultIfEmpty(double.NaN).Min();

// What the resources logged between two times, one line per kind of message (digits folded), first seen first.
static void PrintLog(ResourceLog log, double from, double to, string when)
{
    var kinds = log.Messages(from, to)
        .Where(m => m.Level is "warn" or "fail" or "crit" || m.Category.StartsWith("Orleans", StringComparison.Ordinal))
        .GroupBy(m => (m.Resource, m.Level, Text: Digits().Replace(m.Text.Length > 100 ? m.Text[..100] : m.Text, "#")))
        .OrderBy(g => g.First().At)
        .ToList();
    Console.WriteLine($"  resource logs {when} (warnings, errors and Orleans' own; {kinds.Count} kinds, first 14):");
    foreach (var kind in kinds.Take(14))
    {
        var first = kind.First();
        var text = first.Text.Length > 180 ? first.Text[..180] + "…" : first.Text;
        Console.WriteLine($"    +{first.At - from:F2} s {first.Resource} {first.Level} {first.Category.Split('.')[^1]} x{kind.Count()}: {text}");
    }
}

static string S(double seconds) => double.IsNaN(seconds) ? "–" : seconds.ToString("F2", CultureInfo.InvariantCulture);

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

internal static partial class Program
{
    [System.Text.RegularExpressions.GeneratedRegex(@"\d+")]
    private static partial System.Text.RegularExpressions.Regex Digits();

    // BackendExceptionHandler's warning for each 503: "The backend is unavailable (TimeoutException); answered 503."
    [System.Text.RegularExpressions.GeneratedRegex(@"^The backend is unavailable \((\w+)\)")]
    private static partial System.Text.RegularExpressions.Regex UnavailableReason();
}
