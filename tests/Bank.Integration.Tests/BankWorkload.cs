using System.Globalization;
using System.Net;
using System.Text.Json;
using Platform.Tests.Shared;

namespace Bank.Integration.Tests;

/// <summary>What the whole-system tests do to the bank and what they check afterwards.</summary>
internal static class BankWorkload
{
    public const decimal Funding = 1000m;

    /// <summary>A teller and <paramref name="count"/> customers' accounts holding <see cref="Funding"/> each.</summary>
    public static async Task<(BankClient Teller, List<string> Accounts)> FundAccountsAsync(BankSystem bank, int count)
    {
        var teller = await bank.Admin.IssueAsync("teller-1", "teller");
        var accounts = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var customer = await bank.Admin.IssueAsync($"customer-{i}", "customer");
            var account = await customer.OpenAsync();
            await teller.SendAsync(HttpMethod.Post, $"/accounts/{account}/deposits", new { amount = Funding.ToString("0.00", CultureInfo.InvariantCulture) }, key: "seed");
            accounts.Add(account);
        }

        return (teller, accounts);
    }

    /// <summary>Two different accounts, drawn with <paramref name="random"/>.</summary>
    public static (string From, string To) RandomPair(Random random, IReadOnlyList<string> accounts)
    {
        var from = accounts[random.Next(accounts.Count)];
        return (from, accounts.Where(a => a != from).ElementAt(random.Next(accounts.Count - 1)));
    }

    /// <summary>
    /// What a well-behaved client does: retries 503, 429 and lost connections with the same key, for up to 30 s.
    /// Returns the final answer's status, or null when it gave up.
    /// </summary>
    public static async Task<HttpStatusCode?> TransferWithRetriesAsync(
        BankClient teller, string from, string to, string amount, string key, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            try
            {
                using var response = await teller.SendRawAsync(HttpMethod.Post, "/transfers", new { from, to, amount }, key);
                if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests))
                {
                    return response.StatusCode;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500, cancellationToken);
        }

        return null;
    }

    /// <summary>Sends <paramref name="transfer"/> as a well-behaved client would and records its final answer.</summary>
    public static async Task SendAsync(BankClient teller, SentTransfer transfer, CancellationToken cancellationToken) =>
        transfer.Status = await TransferWithRetriesAsync(teller, transfer.From, transfer.To, transfer.Amount, transfer.Key, cancellationToken);

    /// <summary>
    /// Sends again, with the same keys, every transfer whose client gave up during the faults, until each has an answer:
    /// a transfer still in progress (its reminder would finish it) must not be mistaken for money in limbo.
    /// </summary>
    public static async Task SettleAsync(BankClient teller, IEnumerable<SentTransfer> transfers, CancellationToken cancellationToken)
    {
        foreach (var transfer in transfers.Where(t => t.Status is null))
        {
            await SendAsync(teller, transfer, cancellationToken);
            Assert.True(transfer.Status is not null, $"transfer '{transfer.Key}' still has no answer after the faults ended");
        }
    }

    /// <summary>
    /// After the faults, with every transfer answered: the total is what was funded, no balance is negative, each
    /// statement is a gapless chain whose running balance ends at the balance, every acknowledged transfer is in both
    /// statements exactly once, and no debit is left without its credit or its reversal (a refused credit is compensated).
    /// </summary>
    public static async Task AssertLedgerAsync(BankClient teller, IReadOnlyList<string> accounts, IEnumerable<string> acknowledgedKeys)
    {
        var balances = new List<decimal>();
        var entries = new List<JsonElement>();
        foreach (var account in accounts)
        {
            var balance = await teller.BalanceAsync(account);
            var statement = await StatementAsync(teller, account);
            Assert.Equal(Enumerable.Range(1, statement.Count).Select(i => (long)i), statement.Select(e => e.GetProperty("sequence").GetInt64()));
            var running = 0m;
            foreach (var entry in statement)
            {
                running += Money(entry, "amount");
                Assert.Equal(running, Money(entry, "balanceAfter"));
            }

            Assert.Equal(balance, running);
            balances.Add(balance);
            entries.AddRange(statement);
        }

        Assert.Equal(accounts.Count * Funding, balances.Sum());
        Assert.All(balances, b => Assert.True(b >= 0));
        foreach (var key in acknowledgedKeys)
        {
            Assert.Equal(1, Count(entries, "transfer-out", "teller-1:" + key));
            Assert.Equal(1, Count(entries, "transfer-in", "teller-1:" + key));
        }

        foreach (var debit in entries.Where(e => e.GetProperty("kind").GetString() == "transfer-out"))
        {
            var reference = debit.GetProperty("reference").GetString()!;
            Assert.Equal(1, Count(entries, "transfer-in", reference) + Count(entries, "transfer-reversal", reference));
        }
    }

    private static async Task<List<JsonElement>> StatementAsync(BankClient teller, string account)
    {
        var entries = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var statement = await teller.SendAsync(HttpMethod.Get, $"/accounts/{account}/statement?page={page}&pageSize=100");
            var batch = statement.GetProperty("entries").EnumerateArray().ToList();
            entries.AddRange(batch);
            if (batch.Count < 100)
            {
                entries.Reverse(); // newest first on the wire; oldest first here
                return entries;
            }
        }
    }

    private static decimal Money(JsonElement entry, string property) =>
        decimal.Parse(entry.GetProperty(property).GetString()!, CultureInfo.InvariantCulture);

    private static int Count(List<JsonElement> entries, string kind, string reference) =>
        entries.Count(e => e.GetProperty("kind").GetString() == kind && e.GetProperty("reference").GetString() == reference);
}

/// <summary>A transfer a test sent, and the final answer it got (null: the client gave up).</summary>
internal sealed record SentTransfer(string Key, string From, string To, string Amount)
{
    public HttpStatusCode? Status { get; set; }
}
