using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Platform.Hosting.Testing;

namespace Bank.Integration.Tests;

/// <summary>The whole bank as the AppHost declares it: PostgreSQL, Redis, 3 silo processes and the API, as real processes.</summary>
public sealed class BankSystemTests
{
    private const int Accounts = 4;
    private const decimal Funding = 1000m;

    [Fact]
    public async Task Transfers_SiloReplicaKilledDuringAStream_EveryAcknowledgedTransferOnceTotalConservedApiRecovers()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await using var bank = await BankSystem.StartAsync(withDashboard: false, timeout.Token);
        var (teller, accounts) = await FundAccountsAsync(bank);

        // Main flow across the silo processes: a transfer, its repeat, and both balances.
        var first = await teller.SendAsync(HttpMethod.Post, "/transfers", new { from = accounts[0], to = accounts[1], amount = "12.34" }, key: "main");
        var repeat = await teller.SendAsync(HttpMethod.Post, "/transfers", new { from = accounts[0], to = accounts[1], amount = "12.34" }, key: "main");
        Assert.Equal(first.GetRawText(), repeat.GetRawText());
        Assert.Equal(987.66m, await teller.BalanceAsync(accounts[0]));
        Assert.Equal(1012.34m, await teller.BalanceAsync(accounts[1]));

        var acknowledged = await StreamTransfersAsync(teller, accounts, () => bank.App.KillAsync("silo", replica: 0), timeout.Token);

        await AssertEveryAcknowledgedTransferOnceAsync(teller, accounts, acknowledged, timeout.Token);
    }

    [Fact]
    public async Task Transfers_PostgresKilledDuringAStream_EveryAcknowledgedTransferOnceTotalConservedBankRecovers()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await using var bank = await BankSystem.StartAsync(withDashboard: false, timeout.Token);
        var (teller, accounts) = await FundAccountsAsync(bank);

        // Every durable write goes to PostgreSQL: while it is down, steps fail (503) and clients retry with their keys.
        var acknowledged = await StreamTransfersAsync(teller, accounts, () => bank.App.KillAsync("postgres"), timeout.Token);
        Assert.True(bank.App.ResourceNotifications.GetResource("postgres").RestartCount >= 1, "the orchestrator did not restart the killed PostgreSQL");

        await AssertEveryAcknowledgedTransferOnceAsync(teller, accounts, acknowledged, timeout.Token);
    }

    private static async Task<(BankClient Teller, List<string> Accounts)> FundAccountsAsync(BankSystem bank)
    {
        var teller = await bank.Admin.IssueAsync("teller-1", "teller");
        var accounts = new List<string>();
        for (var i = 0; i < Accounts; i++)
        {
            var customer = await bank.Admin.IssueAsync($"customer-{i}", "customer");
            var account = await customer.OpenAsync();
            await teller.SendAsync(HttpMethod.Post, $"/accounts/{account}/deposits", new { amount = "1000.00" }, key: "seed");
            accounts.Add(account);
        }

        return (teller, accounts);
    }

    /// <summary>Three streams of 20 transfers; <paramref name="disrupt"/> runs once 15 have been sent. Returns the acknowledged keys.</summary>
    private static async Task<ConcurrentDictionary<string, (string From, string To)>> StreamTransfersAsync(
        BankClient teller, List<string> accounts, Func<Task> disrupt, CancellationToken cancellationToken)
    {
        var acknowledged = new ConcurrentDictionary<string, (string From, string To)>();
        var sent = 0;
        var streams = Enumerable.Range(0, 3).Select(s => Task.Run(async () =>
        {
            var random = new Random(s);
            for (var i = 0; i < 20; i++)
            {
                var from = accounts[random.Next(accounts.Count)];
                var to = accounts.Where(a => a != from).ElementAt(random.Next(accounts.Count - 1));
                var key = $"s{s}-{i}";
                Interlocked.Increment(ref sent);
                if (await TransferWithRetriesAsync(teller, from, to, "1.50", key, cancellationToken))
                {
                    acknowledged[key] = (from, to);
                }
            }
        })).ToArray();
        while (Volatile.Read(ref sent) < 15)
        {
            await Task.Delay(50, cancellationToken);
        }

        await disrupt();
        await Task.WhenAll(streams);
        return acknowledged;
    }

    /// <summary>What a well-behaved client does: retry 503 and lost connections with the same key, for up to 30 s.</summary>
    private static async Task<bool> TransferWithRetriesAsync(BankClient teller, string from, string to, string amount, string key, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            try
            {
                using var response = await teller.SendRawAsync(HttpMethod.Post, "/transfers", new { from, to, amount }, key);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    return response.StatusCode == HttpStatusCode.OK;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500, cancellationToken);
        }

        return false;
    }

    private static async Task AssertEveryAcknowledgedTransferOnceAsync(
        BankClient teller, List<string> accounts, ConcurrentDictionary<string, (string From, string To)> acknowledged, CancellationToken cancellationToken)
    {
        // The bank recovers without a restart: a new transfer goes through.
        Assert.True(await TransferWithRetriesAsync(teller, accounts[2], accounts[3], "1", "after-fault", cancellationToken), "no transfer went through after the fault");
        acknowledged["after-fault"] = (accounts[2], accounts[3]);

        var balances = new List<decimal>();
        var entries = new List<JsonElement>();
        foreach (var account in accounts)
        {
            balances.Add(await teller.BalanceAsync(account));
            var statement = await teller.SendAsync(HttpMethod.Get, $"/accounts/{account}/statement?pageSize=100");
            entries.AddRange(statement.GetProperty("entries").EnumerateArray());
        }

        Assert.Equal(Accounts * Funding, balances.Sum());
        Assert.All(balances, b => Assert.True(b >= 0));
        Assert.True(acknowledged.Count >= 40, $"only {acknowledged.Count} of 61 transfers were acknowledged");
        // Every acknowledged transfer appears exactly once on each side; nothing else moved money between these accounts.
        foreach (var key in acknowledged.Keys)
        {
            var reference = "teller-1:" + key;
            Assert.Equal(1, entries.Count(e => e.GetProperty("kind").GetString() == "transfer-out" && e.GetProperty("reference").GetString() == reference));
            Assert.Equal(1, entries.Count(e => e.GetProperty("kind").GetString() == "transfer-in" && e.GetProperty("reference").GetString() == reference));
        }
    }
}
