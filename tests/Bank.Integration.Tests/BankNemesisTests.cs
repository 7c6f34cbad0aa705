using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Tests.Shared;
using Xunit.Abstractions;

namespace Bank.Integration.Tests;

/// <summary>
/// A bank workload in the manner of Jepsen's: concurrent transfers and reads while a nemesis kills a silo replica,
/// pauses another, then kills Redis (the cluster's membership) and PostgreSQL (every grain's state) in turn, each
/// started again as an operator would; then the invariants over the whole ledger.
/// </summary>
public sealed class BankNemesisTests(ITestOutputHelper output)
{
    private const int Writers = 4;
    private const int TransfersPerWriter = 25;

    [Fact]
    public async Task Workload_SiloKilledSiloPausedRedisAndPostgresKilledInTurn_LedgerConsistentAndEveryReadAnswered()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await using var bank = await BankSystem.StartAsync(withDashboard: false, timeout.Token);
        var app = bank.App;
        var (teller, accounts) = await BankWorkload.FundAccountsAsync(bank, count: 5);
        var transfers = new ConcurrentBag<SentTransfer>();
        var sent = 0;
        var readProblems = new ConcurrentBag<string>();
        var reads = new ConcurrentDictionary<HttpStatusCode, int>();
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var i = 0; i < TransfersPerWriter; i++)
            {
                var (from, to) = BankWorkload.RandomPair(random, accounts);
                var amount = (random.Next(1, 500) / 100m).ToString("0.00", CultureInfo.InvariantCulture);
                var transfer = new SentTransfer($"w{w}-{i}", from, to, amount);
                transfers.Add(transfer);
                Interlocked.Increment(ref sent);
                await BankWorkload.SendAsync(teller, transfer, timeout.Token);
            }
        })).ToArray();
        // Readers are auditors with their own rate-limit budgets, reading at about 50 requests a second each.
        var auditors = new[] { await bank.Admin.IssueAsync("auditor-1", "auditor"), await bank.Admin.IssueAsync("auditor-2", "auditor") };
        var readers = auditors.Select(auditor => Task.Run(() => ReadUntilStoppedAsync(auditor, accounts, reads, readProblems, stopReading.Token))).ToArray();

        // The nemesis: each fault once the workload is under way, the next only after the last one healed.
        await WaitUntilSentAsync(() => Volatile.Read(ref sent), 10, timeout.Token);
        await KillAndAwaitRecoveryAsync(app, "silo", replica: 1, output, timeout.Token);
        await WaitUntilSentAsync(() => Volatile.Read(ref sent), 25, timeout.Token);
        using (await app.PauseAsync("silo", replica: 2, timeout.Token))
        {
            // Longer than the silos' failure detection: the paused one is declared dead by its peers while frozen.
            await Task.Delay(TimeSpan.FromSeconds(6), timeout.Token);
        }

        output.WriteLine("silo paused for 6 s, then resumed");
        await WaitUntilSentAsync(() => Volatile.Read(ref sent), 40, timeout.Token);
        await KillAndAwaitRecoveryAsync(app, "redis", replica: null, output, timeout.Token);
        await WaitUntilSentAsync(() => Volatile.Read(ref sent), 65, timeout.Token);
        await KillAndAwaitRecoveryAsync(app, "postgres", replica: null, output, timeout.Token);

        await Task.WhenAll(writers);
        await stopReading.CancelAsync();
        await Task.WhenAll(readers);

        output.WriteLine($"reads: {string.Join(", ", reads.OrderBy(r => r.Key).Select(r => $"{(int)r.Key} x{r.Value}"))}");
        output.WriteLine($"transfers: {transfers.Count(t => t.Status == HttpStatusCode.OK)} of {transfers.Count} acknowledged before settling");
        await BankWorkload.SettleAsync(teller, transfers, timeout.Token);
        Assert.Empty(readProblems);
        Assert.All(transfers, t => Assert.True(t.Status == HttpStatusCode.OK, $"transfer '{t.Key}' was answered {t.Status}"));
        await BankWorkload.AssertLedgerAsync(teller, accounts, transfers.Select(t => t.Key));
    }

    /// <summary>Reads every account over and over: each answer is a balance that is not negative, or a 503 to retry; nothing else.</summary>
    private static async Task ReadUntilStoppedAsync(
        BankClient reader, List<string> accounts, ConcurrentDictionary<HttpStatusCode, int> reads, ConcurrentBag<string> problems, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var account in accounts)
            {
                try
                {
                    using var response = await reader.SendRawAsync(HttpMethod.Get, $"/accounts/{account}");
                    reads.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        var balance = (await response.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("balance").GetString()!;
                        if (decimal.Parse(balance, CultureInfo.InvariantCulture) < 0)
                        {
                            problems.Add($"account {account} read negative: {balance}");
                        }
                    }
                    else if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                    {
                        problems.Add($"GET /accounts/{account}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(stop)}");
                    }
                }
                catch (HttpRequestException)
                {
                    // A connection lost while a process restarts: the client reconnects on its next read.
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
            }

            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task KillAndAwaitRecoveryAsync(
        DistributedApplication app, string resource, int? replica, ITestOutputHelper output, CancellationToken cancellationToken)
    {
        var killedAt = System.Diagnostics.Stopwatch.StartNew();
        var instance = await app.KillAsync(resource, replica ?? 0, cancellationToken);
        await app.StartAsync(instance, cancellationToken);
        await app.WaitForInstanceServingAsync(instance, cancellationToken);
        output.WriteLine($"{resource} killed; serving again after {killedAt.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task WaitUntilSentAsync(Func<int> sent, int count, CancellationToken cancellationToken)
    {
        while (sent() < count)
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
