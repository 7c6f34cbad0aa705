using System.Net;
using Bank.Tests.Infrastructure;

namespace Bank.Tests.Api;

[Collection(ServersCollectionDefinition.Name)]
public sealed class AccountsApiTests(ServersFixture servers)
{
    [Fact]
    public async Task MainFlow_OpenDepositTransferStatement_BalancesAndHistoryAreRight()
    {
        var api = await servers.GetApiAsync("main");
        var (alice, aliceId) = await api.SignInAsync("customer");
        var (bob, _) = await api.SignInAsync("customer");
        var (teller, _) = await api.SignInAsync("teller");
        var aliceAccount = await alice.OpenAccountAsync();
        var bobAccount = await bob.OpenAccountAsync();

        var deposit = await teller.PostWithKeyAsync($"/accounts/{aliceAccount}/deposits", new { amount = "100.00" }, "d1");
        var transfer = await alice.PostWithKeyAsync("/transfers", new { from = aliceAccount, to = bobAccount, amount = "12.34" }, "t1");

        Assert.Equal(HttpStatusCode.OK, deposit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        Assert.Equal("completed", (await transfer.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal("87.66", await alice.BalanceAsync(aliceAccount));
        Assert.Equal("12.34", await bob.BalanceAsync(bobAccount));
        var statement = await (await alice.GetAsync($"/accounts/{aliceAccount}/statement?page=1&pageSize=2")).JsonAsync();
        Assert.Equal(3, statement.GetProperty("totalEntries").GetInt32());
        Assert.Equal(["transfer-out", "deposit"], statement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("****" + bobAccount[^4..], statement.GetProperty("entries")[0].GetProperty("counterparty").GetString());
        var mine = await (await alice.GetAsync("/accounts")).JsonAsync();
        Assert.Equal(aliceAccount, Assert.Single(mine.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(aliceId, mine[0].GetProperty("ownerId").GetString());
    }

    [Fact]
    public async Task TransferAsync_RepeatedKey_ReturnsFirstResultAndMovesOnce()
    {
        var api = await servers.GetApiAsync("main");
        var (alice, _) = await api.SignInAsync("customer");
        var (teller, _) = await api.SignInAsync("teller");
        var from = await alice.OpenAccountAsync();
        var to = await alice.OpenAccountAsync();
        await teller.PostWithKeyAsync($"/accounts/{from}/deposits", new { amount = 50 }, null);

        var first = await alice.PostWithKeyAsync("/transfers", new { from, to, amount = 10 }, "same");
        var second = await alice.PostWithKeyAsync("/transfers", new { from, to, amount = 10 }, "same");
        var different = await alice.PostWithKeyAsync("/transfers", new { from, to, amount = 11 }, "same");

        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        Assert.Equal("Idempotency-Key", await different.ProblemFieldAsync());
        Assert.Equal("40.00", await alice.BalanceAsync(from));
        Assert.Equal("10.00", await alice.BalanceAsync(to));
    }

    [Fact]
    public async Task DepositAsync_ThenRead_ReadsOwnWriteThroughTheCache()
    {
        var api = await servers.GetApiAsync("main");
        var (alice, _) = await api.SignInAsync("customer");
        var account = await alice.OpenAccountAsync();
        Assert.Equal("0.00", await alice.BalanceAsync(account));   // now cached at the opening version

        for (var i = 1; i <= 5; i++)
        {
            var response = await alice.PostWithKeyAsync($"/accounts/{account}/deposits", new { amount = "1.01" }, null);
            response.EnsureSuccessStatusCode();
            Assert.Equal((1.01m * i).ToString("F2", System.Globalization.CultureInfo.InvariantCulture), await alice.BalanceAsync(account));
        }
    }

    [Fact]
    public async Task GetOpenApiDocument_Anonymous_ListsTheEndpoints()
    {
        var api = await servers.GetApiAsync("main");
        using var client = api.CreateClient();

        var document = await (await client.GetAsync("/openapi/v1.json")).JsonAsync();

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/transfers", paths);
        Assert.Contains("/accounts/{id}/statement", paths);
    }

    [Fact]
    public async Task WatchAccountAsync_Deposit_EventArrivesOnTheFeed()
    {
        var api = await servers.GetApiAsync("kestrel", kestrel: true);
        var (alice, _) = await api.SignInAsync("customer");
        var account = await alice.OpenAccountAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await alice.GetAsync($"/accounts/{account}/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));

        var subscribed = await ReadEventAsync(reader, cts.Token);
        await alice.PostWithKeyAsync($"/accounts/{account}/deposits", new { amount = "2.50" }, null);
        var lines = await ReadEventAsync(reader, cts.Token);

        Assert.Contains("event: subscribed", subscribed);
        Assert.Contains("event: deposit", lines);
        Assert.Contains(lines, l => l.StartsWith("data: ", StringComparison.Ordinal) && l.Contains("\"amountMinor\":250", StringComparison.Ordinal));
    }

    private static async Task<List<string>> ReadEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while ((await reader.ReadLineAsync(cancellationToken)) is { Length: > 0 } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
