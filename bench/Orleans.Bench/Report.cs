using System.Globalization;
using Orleans.Bench.Calls;
using Orleans.Bench.Transfers;

namespace Orleans.Bench;

/// <summary>Plain-text tables; every figure carries its unit, every ratio is between rows of the same run.</summary>
internal static class Report
{
    public static void Calls(IReadOnlyList<Measurement> calls, int[] concurrencies)
    {
        Console.WriteLine();
        Console.WriteLine("Grain calls: Task<int> EchoAsync(int), closed loop");
        Console.WriteLine($"{"measurement",-38} {"callers",7} {"throughput",20} {"p50",12} {"p99",12} {"calls",16}");
        foreach (var m in calls)
        {
            Console.WriteLine(Invariant(
                $"{m.Name,-38} {m.Callers,7} {m.PerSecond,13:N0} calls/s {m.P50 * 1000,9:F2} µs {m.P99 * 1000,9:F2} µs {m.Latency.Total,10:N0} calls"));
        }

        Console.WriteLine();
        Console.WriteLine("Ratios (a / b, same run)");
        foreach (var c in concurrencies)
        {
            Ratio($"local / direct, {c} callers", Find(calls, CallBench.Local, c), Find(calls, CallBench.Direct, c));
            Ratio($"local grain->grain / direct, {c} callers", Find(calls, CallBench.LocalGrain, c), Find(calls, CallBench.Direct, c));
            Ratio($"cross-silo / raw TCP, {c} callers", Find(calls, CallBench.CrossSilo, c), Find(calls, CallBench.RawTcp, c));
            Ratio($"cross-silo / local grain->grain, {c} callers", Find(calls, CallBench.CrossSilo, c), Find(calls, CallBench.LocalGrain, c));
        }
    }

    public static void Transfers(TransferRun saga, TransferRun transactions)
    {
        Console.WriteLine();
        Console.WriteLine(Invariant(
            $"Transfers: {TransferBench.Callers} callers, random pairs of {TransferBench.Accounts} accounts, PostgreSQL (a database each, pool cap {TransferBench.PoolSize})"));
        Console.WriteLine($"{"measurement",-24} {"throughput",20} {"p50",11} {"p99",11} {"transfers",16} {"failed",12}  total of balances");
        foreach (var run in new[] { saga, transactions })
        {
            var m = run.Measurement;
            var check = run.Conserved ? "conserved" : Invariant($"MISMATCH, expected {run.ExpectedTotal:N0}");
            Console.WriteLine(Invariant(
                $"{m.Name,-24} {m.PerSecond,9:N0} transfers/s {m.P50,8:F1} ms {m.P99,8:F1} ms {m.Latency.Total - m.Failures,6:N0} transfers {m.Failures,5:N0} failed  {run.ActualTotal:N0} minor units, {check}"));
            foreach (var (kind, count) in run.Failures.OrderByDescending(f => f.Value))
            {
                Console.WriteLine(Invariant($"    {count,7:N0} × {kind}"));
            }
        }

        Console.WriteLine();
        Ratio("saga / transactions", saga.Measurement, transactions.Measurement);
        var aborted = transactions.Measurement.Failures / (double)Math.Max(1, transactions.Measurement.Latency.Total);
        Console.WriteLine(Invariant($"  transactions aborted: {aborted:P2} of attempts"));
    }

    public static void Summary(IReadOnlyList<Measurement> calls, TransferRun saga, TransferRun transactions, TimeSpan elapsed)
    {
        var direct = Find(calls, CallBench.Direct, 1);
        var local = Find(calls, CallBench.Local, 1);
        var local64 = Find(calls, CallBench.Local, 64);
        var cross = Find(calls, CallBench.CrossSilo, 1);
        var cross64 = Find(calls, CallBench.CrossSilo, 64);
        var tcp = Find(calls, CallBench.RawTcp, 1);
        var tcp64 = Find(calls, CallBench.RawTcp, 64);
        Console.WriteLine();
        Console.WriteLine("Summary");
        Console.WriteLine(Invariant(
            $"  one silo:   a call takes {local.P50 * 1000:F1} µs (p50, 1 caller) against {direct.P50 * 1000:F2} µs direct; {local64.PerSecond:N0} calls/s at 64 callers."));
        Console.WriteLine(Invariant(
            $"  two silos:  {cross.P50 * 1000:F1} µs (p50, 1 caller) against {tcp.P50 * 1000:F1} µs for a raw TCP echo; {cross64.PerSecond:N0} against {tcp64.PerSecond:N0} calls/s at 64 callers"));
        Console.WriteLine("              (Orleans carries all calls between two silos on one connection, many messages per write; the raw echo pays a round trip per call on each caller's connection.)");
        Console.WriteLine(Invariant(
            $"  transfers:  saga {saga.Measurement.PerSecond:N0}/s (p99 {saga.Measurement.P99:F0} ms), transactions {transactions.Measurement.PerSecond:N0}/s (p99 {transactions.Measurement.P99:F0} ms, {transactions.Measurement.Failures:N0} aborted): saga/transactions {saga.Measurement.PerSecond / transactions.Measurement.PerSecond:F2}×."));
        Console.WriteLine(Invariant(
            $"  balances:   {(saga.Conserved && transactions.Conserved ? "both totals conserved" : "A TOTAL WAS NOT CONSERVED")}; run took {elapsed.TotalSeconds:F0} s."));
    }

    private static void Ratio(string name, Measurement a, Measurement b) => Console.WriteLine(Invariant(
        $"  {name,-44} throughput {a.PerSecond / b.PerSecond,9:F3}×   p50 {a.P50 / b.P50,8:F2}×   p99 {a.P99 / b.P99,8:F2}×"));

    private static Measurement Find(IReadOnlyList<Measurement> calls, string name, int callers) => calls.Single(m => m.Name == name && m.Callers == callers);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
