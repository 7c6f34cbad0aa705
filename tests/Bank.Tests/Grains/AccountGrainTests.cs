using Bank.Contracts;
using Bank.Tests.Infrastructure;

namespace Bank.Tests.Grains;

[Collection(ServersCollectionDefinition.Name)]
public sealed class AccountGrainTests(ServersFixture servers)
{
    [Fact]
    public async Task DepositAsync_SameOperationIdTwice_AppliedOnce()
    {
        await using var silo = await BankSilo.StartAsync(await servers.CreateDatabaseAsync());
        var account = silo.Grains.GetGrain<IAccountGrain>("1000000000000001");
        await account.OpenAsync("alice", "EUR");

        var first = await account.DepositAsync("op-1", 1_000, "EUR");
        var second = await account.DepositAsync("op-1", 1_000, "EUR");

        Assert.Equal(AccountOutcome.Applied, first.Outcome);
        Assert.Equal(AccountOutcome.AlreadyApplied, second.Outcome);
        Assert.Equal(1_000, second.Account!.BalanceMinor);
    }

    [Fact]
    public async Task WithdrawAsync_MoreThanBalance_InsufficientFundsAndTheRejectionSticks()
    {
        await using var silo = await BankSilo.StartAsync(await servers.CreateDatabaseAsync());
        var account = silo.Grains.GetGrain<IAccountGrain>("1000000000000002");
        await account.OpenAsync("alice", "EUR");
        await account.DepositAsync("d", 500, "EUR");

        var rejected = await account.WithdrawAsync("w", 501, "EUR");
        await account.DepositAsync("d2", 500, "EUR");
        var repeated = await account.WithdrawAsync("w", 501, "EUR");

        Assert.Equal(AccountOutcome.InsufficientFunds, rejected.Outcome);
        Assert.Equal(AccountOutcome.InsufficientFunds, repeated.Outcome);
        Assert.Equal(1_000, repeated.Account!.BalanceMinor);
    }

    [Fact]
    public async Task DepositAsync_OtherCurrency_CurrencyMismatch()
    {
        await using var silo = await BankSilo.StartAsync(await servers.CreateDatabaseAsync());
        var account = silo.Grains.GetGrain<IAccountGrain>("1000000000000003");
        await account.OpenAsync("alice", "EUR");

        var result = await account.DepositAsync("d", 500, "USD");

        Assert.Equal(AccountOutcome.CurrencyMismatch, result.Outcome);
        Assert.Equal(0, result.Account!.BalanceMinor);
    }

    [Fact]
    public async Task GetAsync_NeverOpened_NotFound()
    {
        await using var silo = await BankSilo.StartAsync(await servers.CreateDatabaseAsync());

        var result = await silo.Grains.GetGrain<IAccountGrain>("1000000000000004").GetAsync();

        Assert.Equal(AccountOutcome.NotFound, result.Outcome);
        Assert.Null(result.Account);
    }

    [Fact]
    public async Task DepositAsync_SiloRestarts_BalanceAndStatementSurvive()
    {
        var db = await servers.CreateDatabaseAsync();
        await using (var silo = await BankSilo.StartAsync(db))
        {
            var account = silo.Grains.GetGrain<IAccountGrain>("1000000000000005");
            await account.OpenAsync("alice", "EUR");
            await account.DepositAsync("a", 100, "EUR");
            await account.WithdrawAsync("b", 30, "EUR");
        }

        await using var restarted = await BankSilo.StartAsync(db);
        var again = restarted.Grains.GetGrain<IAccountGrain>("1000000000000005");
        var statement = await again.GetStatementAsync(1, 2);

        Assert.Equal(70, (await again.GetAsync()).Account!.BalanceMinor);
        Assert.Equal(3, statement.TotalEntries);
        Assert.Equal(["withdrawal", "deposit"], statement.Entries.Select(e => e.Kind));
        Assert.Equal("opened", Assert.Single((await again.GetStatementAsync(2, 2)).Entries).Kind);
    }

    [Fact]
    public async Task OpenAsync_OtherOwner_Conflict()
    {
        await using var silo = await BankSilo.StartAsync(await servers.CreateDatabaseAsync());
        var account = silo.Grains.GetGrain<IAccountGrain>("1000000000000006");
        await account.OpenAsync("alice", "EUR");

        Assert.Equal(AccountOutcome.AlreadyApplied, (await account.OpenAsync("alice", "EUR")).Outcome);
        Assert.Equal(AccountOutcome.Conflict, (await account.OpenAsync("mallory", "EUR")).Outcome);
    }
}
