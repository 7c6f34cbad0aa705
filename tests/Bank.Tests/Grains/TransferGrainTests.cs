using Bank.Contracts;
using Bank.Tests.Infrastructure;

namespace Bank.Tests.Grains;

[Collection(ServersCollectionDefinition.Name)]
public sealed class TransferGrainTests(ServersFixture servers)
{
    [Fact]
    public async Task ExecuteAsync_SameKeyTwice_MovesMoneyOnce()
    {
        await using var silo = await BankSilo.StartAsync(await servers.CreateDatabaseAsync());
        await OpenAsync(silo, "A", 1_000);
        await OpenAsync(silo, "B", 0);
        var request = new TransferRequest("A", "B", 300, "EUR");

        var first = await silo.Grains.GetGrain<ITransferGrain>("alice:k1").ExecuteAsync(request);
        var second = await silo.Grains.GetGrain<ITransferGrain>("alice:k1").ExecuteAsync(request);

        Assert.Equal(TransferStatus.Completed, first.Status);
        Assert.Equal(first, second);
        Assert.Equal(700, await BalanceAsync(silo, "A"));
        Assert.Equal(300, await BalanceAsync(silo, "B"));
    }

    [Fact]
    public async Task ExecuteAsync_SameKeyOtherRequest_KeyReusedAndNothingMoves()
    {
        await using var silo = await BankSilo.StartAsync(await servers.CreateDatabaseAsync());
        await OpenAsync(silo, "A", 1_000);
        await OpenAsync(silo, "B", 0);
        var transfer = silo.Grains.GetGrain<ITransferGrain>("alice:k1");
        await transfer.ExecuteAsync(new TransferRequest("A", "B", 300, "EUR"));

        var reused = await transfer.ExecuteAsync(new TransferRequest("A", "B", 301, "EUR"));

        Assert.Equal(TransferStatus.KeyReused, reused.Status);
        Assert.Equal(300, await BalanceAsync(silo, "B"));
    }

    [Fact]
    public async Task ExecuteAsync_InsufficientFunds_FailedAndNothingMoves()
    {
        await using var silo = await BankSilo.StartAsync(await servers.CreateDatabaseAsync());
        await OpenAsync(silo, "A", 100);
        await OpenAsync(silo, "B", 0);

        var result = await silo.Grains.GetGrain<ITransferGrain>("k").ExecuteAsync(new TransferRequest("A", "B", 101, "EUR"));

        Assert.Equal(TransferStatus.Failed, result.Status);
        Assert.Equal(AccountOutcome.InsufficientFunds, result.FailureReason);
        Assert.Equal(100, await BalanceAsync(silo, "A"));
        Assert.Equal(0, await BalanceAsync(silo, "B"));
    }

    [Fact]
    public async Task ExecuteAsync_CreditSideRefuses_DebitIsCompensated()
    {
        await using var silo = await BankSilo.StartAsync(await servers.CreateDatabaseAsync());
        await OpenAsync(silo, "A", 1_000);
        await OpenAsync(silo, "B", 0, "USD");

        var result = await silo.Grains.GetGrain<ITransferGrain>("k").ExecuteAsync(new TransferRequest("A", "B", 400, "EUR"));

        Assert.Equal(TransferStatus.Compensated, result.Status);
        Assert.Equal(AccountOutcome.CurrencyMismatch, result.FailureReason);
        Assert.Equal(1_000, await BalanceAsync(silo, "A"));
        Assert.Equal(0, await BalanceAsync(silo, "B"));
        var kinds = (await silo.Grains.GetGrain<IAccountGrain>("A").GetStatementAsync(1, 10)).Entries.Select(e => e.Kind);
        Assert.Equal(["transfer-reversal", "transfer-out", "deposit", "opened"], kinds);
    }

    [Theory]
    [InlineData(TransferStatus.Pending)]
    [InlineData(TransferStatus.Debited)]
    public async Task ExecuteAsync_CrashAfterStep_ReminderResumesItExactlyOnce(TransferStatus crashAfter)
    {
        var hook = new CrashOnceHook(crashAfter);
        await using var silo = await BankSilo.StartAsync(await servers.CreateDatabaseAsync(), hook);
        await OpenAsync(silo, "A", 1_000);
        await OpenAsync(silo, "B", 0);
        var transfer = silo.Grains.GetGrain<ITransferGrain>("k");

        await Assert.ThrowsAsync<BankUnavailableException>(() => transfer.ExecuteAsync(new TransferRequest("A", "B", 250, "EUR")));

        // Nobody calls the transfer again: only its reminder can finish it.
        await Probe.WaitUntilAsync(async () => (await transfer.GetAsync()).Status == TransferStatus.Completed, "the reminder to complete the transfer");
        Assert.Equal(1, hook.Crashes);
        Assert.Equal(750, await BalanceAsync(silo, "A"));
        Assert.Equal(250, await BalanceAsync(silo, "B"));
    }

    [Fact]
    public async Task ExecuteAsync_CrashAfterDebitThenSiloRestart_RetryWithSameKeyCompletesOnce()
    {
        var db = await servers.CreateDatabaseAsync();
        var request = new TransferRequest("A", "B", 250, "EUR");
        await using (var silo = await BankSilo.StartAsync(db, new CrashOnceHook(TransferStatus.Debited)))
        {
            await OpenAsync(silo, "A", 1_000);
            await OpenAsync(silo, "B", 0);
            await Assert.ThrowsAsync<BankUnavailableException>(() => silo.Grains.GetGrain<ITransferGrain>("k").ExecuteAsync(request));
        }

        await using var restarted = await BankSilo.StartAsync(db);
        var result = await restarted.Grains.GetGrain<ITransferGrain>("k").ExecuteAsync(request);

        Assert.Equal(TransferStatus.Completed, result.Status);
        Assert.Equal(750, await BalanceAsync(restarted, "A"));
        Assert.Equal(250, await BalanceAsync(restarted, "B"));
    }

    [Fact]
    public async Task ExecuteAsync_50ConcurrentTransfersOver5Accounts_TotalConservedAndNoNegativeBalance()
    {
        await using var silo = await BankSilo.StartAsync(await servers.CreateDatabaseAsync());
        string[] accounts = ["A", "B", "C", "D", "E"];
        foreach (var id in accounts)
        {
            await OpenAsync(silo, id, 1_000);
        }

        var random = new Random(7);
        var requests = Enumerable.Range(0, 50).Select(i =>
        {
            var from = accounts[random.Next(5)];
            var to = accounts.Where(a => a != from).ElementAt(random.Next(4));
            return (Key: "k" + i, Request: new TransferRequest(from, to, random.Next(1, 600), "EUR"));
        }).ToList();

        var results = await Task.WhenAll(requests.Select(r => silo.Grains.GetGrain<ITransferGrain>(r.Key).ExecuteAsync(r.Request)));

        var balances = await Task.WhenAll(accounts.Select(a => BalanceAsync(silo, a)));
        Assert.Equal(5_000, balances.Sum());
        Assert.All(balances, b => Assert.True(b >= 0));
        Assert.All(results, r => Assert.Contains(r.Status, new[] { TransferStatus.Completed, TransferStatus.Failed }));
        // Every completed transfer is in both statements exactly once; no failed one is in either.
        foreach (var (key, request) in requests)
        {
            var status = results.Single(r => r.TransferId == key).Status;
            var outs = await CountEntriesAsync(silo, request.FromAccountId, "debit:" + key);
            var ins = await CountEntriesAsync(silo, request.ToAccountId, "credit:" + key);
            Assert.Equal(status == TransferStatus.Completed ? (1, 1) : (0, 0), (outs, ins));
        }
    }

    private static async Task OpenAsync(BankSilo silo, string id, long balance, string currency = "EUR")
    {
        var account = silo.Grains.GetGrain<IAccountGrain>(id);
        await account.OpenAsync("owner-" + id, currency);
        if (balance > 0)
        {
            await account.DepositAsync("seed", balance, currency);
        }
    }

    private static async Task<long> BalanceAsync(BankSilo silo, string id) =>
        (await silo.Grains.GetGrain<IAccountGrain>(id).GetAsync()).Account!.BalanceMinor;

    private static async Task<int> CountEntriesAsync(BankSilo silo, string id, string operationId) =>
        (await silo.Grains.GetGrain<IAccountGrain>(id).GetStatementAsync(1, 1_000)).Entries.Count(e => e.OperationId == operationId);
}
