using System.Collections.Concurrent;
using System.Net;
using Platform.Tests.Shared;

namespace Bank.Integration.Tests;

/// <summary>The whole bank as the AppHost declares it: PostgreSQL, Redis, 3 silo processes and the API, as real processes.</summary>
public sealed class BankSystemTests
{
    [Fact]
    public async Task Transfers_SiloReplicaKilledDuringAStream_EveryAcknowledgedTransferOnceTotalConservedApiRecovers()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await using var bank = await BankSystem.StartAsync(withDashboard: false, timeout.Token);
        var (teller, accounts) = await BankWorkload.FundAccountsAsync(bank, count: 4);

        // Main flow across the silo processes: a transfer, its repeat, and both balances.
        var first = await teller.SendAsync(HttpMethod.Post, "/transfers", new { from = accounts[0], to = accounts[1], amount = "12.34" }, key: "main");
        var repeat = await teller.SendAsync(HttpMethod.Post, "/transfers", new { from = accounts[0], to = accounts[1], amount = "12.34" }, key: "main");
        Assert.Equal(first.GetRawText(), repeat.GetRawText());
        Assert.Equal(987.66m, await teller.BalanceAsync(accounts[0]));
        Assert.Equal(1012.34m, await teller.BalanceAsync(accounts[1]));

        var transfers = await StreamTransfersAsync(teller, accounts, () => KillAndStartAgainAsync(bank.App, "silo", timeout.Token), timeout.Token);

        await AssertRecoveredAsync(teller, accounts, transfers, timeout.Token);
    }

    [Fact]
    public async Task Transfers_PostgresKilledDuringAStream_EveryAcknowledgedTransferOnceTotalConservedBankRecovers()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await using var bank = await BankSystem.StartAsync(withDashboard: false, timeout.Token);
        var (teller, accounts) = await BankWorkload.FundAccountsAsync(bank, count: 4);

        // Every durable write goes to PostgreSQL: while it is down, steps fail (503) and clients retry with their keys.
        var transfers = await StreamTransfersAsync(teller, accounts, () => KillAndStartAgainAsync(bank.App, "postgres", timeout.Token), timeout.Token);

        await AssertRecoveredAsync(teller, accounts, transfers, timeout.Token);
    }

    [Fact]
    public async Task Transfers_SiloReplicaPausedDuringAStream_EveryAcknowledgedTransferOnceTotalConservedApiRecovers()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await using var bank = await BankSystem.StartAsync(withDashboard: false, timeout.Token);
        var (teller, accounts) = await BankWorkload.FundAccountsAsync(bank, count: 4);

        // A paused process holds its sockets open but answers nothing: a stop-the-world pause, a VM freeze.
        var transfers = await StreamTransfersAsync(teller, accounts, async () =>
        {
            using (await bank.App.PauseAsync("silo", replica: 0, timeout.Token))
            {
                await Task.Delay(TimeSpan.FromSeconds(5), timeout.Token);
            }
        }, timeout.Token);

        await AssertRecoveredAsync(teller, accounts, transfers, timeout.Token);
    }

    /// <summary>SIGKILLs the first replica of <paramref name="resource"/>, then starts it again as an operator would from the dashboard.</summary>
    private static async Task KillAndStartAgainAsync(DistributedApplication app, string resource, CancellationToken cancellationToken)
    {
        var instance = await app.KillAsync(resource, replica: 0, cancellationToken);
        await app.StartAsync(instance, cancellationToken);
    }

    /// <summary>Three streams of 20 transfers; <paramref name="disrupt"/> runs once 15 have been sent.</summary>
    private static async Task<ConcurrentBag<SentTransfer>> StreamTransfersAsync(
        BankClient teller, List<string> accounts, Func<Task> disrupt, CancellationToken cancellationToken)
    {
        var transfers = new ConcurrentBag<SentTransfer>();
        var sent = 0;
        var streams = Enumerable.Range(0, 3).Select(s => Task.Run(async () =>
        {
            var random = new Random(s);
            for (var i = 0; i < 20; i++)
            {
                var (from, to) = BankWorkload.RandomPair(random, accounts);
                var transfer = new SentTransfer($"s{s}-{i}", from, to, "1.50");
                transfers.Add(transfer);
                Interlocked.Increment(ref sent);
                await BankWorkload.SendAsync(teller, transfer, cancellationToken);
            }
        })).ToArray();
        while (Volatile.Read(ref sent) < 15)
        {
            await Task.Delay(50, cancellationToken);
        }

        await disrupt();
        await Task.WhenAll(streams);
        return transfers;
    }

    private static async Task AssertRecoveredAsync(BankClient teller, List<string> accounts, ConcurrentBag<SentTransfer> transfers, CancellationToken cancellationToken)
    {
        var acknowledged = transfers.Where(t => t.Status == HttpStatusCode.OK).Select(t => t.Key).ToList();
        Assert.True(acknowledged.Count >= 40, $"only {acknowledged.Count} of 60 transfers were acknowledged while the fault lasted");

        // The bank recovers without a restart: a new transfer goes through.
        Assert.Equal(HttpStatusCode.OK, await BankWorkload.TransferWithRetriesAsync(teller, accounts[2], accounts[3], "1", "after-fault", cancellationToken));
        acknowledged.Add("after-fault");

        await BankWorkload.SettleAsync(teller, transfers, cancellationToken);
        await BankWorkload.AssertLedgerAsync(teller, accounts, acknowledged);
    }
}
