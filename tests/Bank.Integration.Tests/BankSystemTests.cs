using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Platform.Hosting.Testing;

namespace Bank.Integration.Tests;

/// <summary>The whole bank as the AppHost declares it: PostgreSQL, Redis, 3 silo processes and the API, as real processes.</summary>
public sealed class BankSystemTests
{
    [Fact]
    public async Task Transfers_SiloReplicaKilledDuringAStream_EveryAcknowledgedTransferOnceTotalConservedApiRecovers()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await using var bank = await BankSystem.StartAsync(withDashboard: false, timeout.Token);
        var app = bank.App;
        var admin = bank.Admin;
        var teller = await admin.IssueAsync("teller-1", "teller");
        var accounts = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var customer = await admin.IssueAsync($"customer-{i}", "customer");
            var account = await customer.OpenAsync();
            await teller.SendAsync(HttpMethod.Post, $"/accounts/{account}/deposits", new { amount = "1000.00" }, key: "seed");
            accounts.Add(account);
        }

        // Main flow across the silo processes: a transfer, its repeat, and both balances.
        var first = await teller.SendAsync(HttpMethod.Post, "/transfers", new { from = accounts[0], to = accounts[1], amount = "12.34" }, key: "main");
        var repeat = await teller.SendAsync(HttpMethod.Post, "/transfers", new { from = accounts[0], to = accounts[1], amount = "12.34" }, key: "main");
        Assert.Equal(first.GetRawText(), repeat.GetRawText());
        Assert.Equal(987.66m, await teller.BalanceAsync(accounts[0]));
        Assert.Equal(1012.34m, await teller.BalanceAsync(accounts[1]));

        // A stream of transfers; one silo replica is killed in the middle of it.
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
                // A client retries 503 (and lost connections) with the same key until it gets an answer.
                for (var attempt = 0; attempt < 60; attempt++)
                {
                    try
                    {
                        using var response = await teller.SendRawAsync(HttpMethod.Post, "/transfers", new { from, to, amount = "1.50" }, key);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            acknowledged[key] = (from, to);
                            break;
                        }

                        if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                        {
                            break;
                        }
                    }
                    catch (HttpRequestException)
                    {
                    }

                    await Task.Delay(500, timeout.Token);
                }
            }
        })).ToArray();
        while (Volatile.Read(ref sent) < 15)
        {
            await Task.Delay(50, timeout.Token);
        }

        await app.KillAsync("silo", replica: 0);
        await Task.WhenAll(streams);

        // The API recovers without a restart: a new transfer goes through.
        var after = await teller.SendAsync(HttpMethod.Post, "/transfers", new { from = accounts[2], to = accounts[3], amount = "1" }, key: "after-kill");
        Assert.Equal("completed", after.GetProperty("status").GetString());
        acknowledged["after-kill"] = (accounts[2], accounts[3]);

        var balances = new List<decimal>();
        var entries = new List<JsonElement>();
        foreach (var account in accounts)
        {
            balances.Add(await teller.BalanceAsync(account));
            var statement = await teller.SendAsync(HttpMethod.Get, $"/accounts/{account}/statement?pageSize=100");
            entries.AddRange(statement.GetProperty("entries").EnumerateArray());
        }

        Assert.Equal(4_000m, balances.Sum());
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
