using Bank.Contracts;
using Bank.Grains;
using Bank.Tests.Infrastructure;
using Npgsql;

namespace Bank.Tests.Grains;

[Collection(ServersCollectionDefinition.Name)]
public sealed class OperationRetentionTests(ServersFixture servers)
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DebitForTransferAsync_RepeatWithinRetention_AlreadyAppliedAndNothingMoves()
    {
        var time = new ManualTimeProvider(T0);
        await using var silo = await StartAsync(await servers.CreateDatabaseAsync(), time);
        var account = await OpenFundedAsync(silo, "3000000000000001", 1_000);
        await account.DebitForTransferAsync("t-1", 100, "EUR", "3000000000000099", T0);

        time.Advance(Retention - TimeSpan.FromDays(1));
        await account.DepositAsync("later", 1, "EUR");
        var repeat = await account.DebitForTransferAsync("t-1", 100, "EUR", "3000000000000099", T0);

        Assert.Equal(AccountOutcome.AlreadyApplied, repeat.Outcome);
        Assert.Equal(901, repeat.Account!.BalanceMinor);
    }

    [Fact]
    public async Task DebitForTransferAsync_RepeatAfterRetention_RecordForgottenAndStepRefusedAsExpired()
    {
        var time = new ManualTimeProvider(T0);
        var db = await servers.CreateDatabaseAsync();
        await using var silo = await StartAsync(db, time);
        var account = await OpenFundedAsync(silo, "3000000000000002", 1_000);
        await account.DebitForTransferAsync("t-1", 100, "EUR", "3000000000000099", T0);

        time.Advance(Retention + TimeSpan.FromDays(1));
        await account.DepositAsync("later", 1, "EUR");
        var repeat = await account.DebitForTransferAsync("t-1", 100, "EUR", "3000000000000099", T0);
        var fresh = await account.DebitForTransferAsync("t-2", 100, "EUR", "3000000000000099", time.GetUtcNow());

        // Forgotten, yet never applied twice: the step is older than what the account still remembers.
        Assert.Equal(AccountOutcome.Expired, repeat.Outcome);
        Assert.Equal(901, repeat.Account!.BalanceMinor);
        Assert.Equal(AccountOutcome.Applied, fresh.Outcome);
        Assert.Equal(["debit:t-2", "deposit:later"], await StoredOperationIdsAsync(db, "3000000000000002"));
    }

    [Fact]
    public async Task ExecuteAsync_TransferResumedAfterRetention_StaysPendingAndMovesNoMoney()
    {
        var time = new ManualTimeProvider(T0);
        var db = await servers.CreateDatabaseAsync();
        await using var silo = await StartAsync(db, time, new CrashOnceHook(TransferStatus.Pending));
        await OpenFundedAsync(silo, "3000000000000003", 1_000);
        await silo.Grains.GetGrain<IAccountGrain>("3000000000000004").OpenAsync("bob", "EUR");
        var transfer = silo.Grains.GetGrain<ITransferGrain>("alice:stuck");
        var request = new TransferRequest("3000000000000003", "3000000000000004", 250, "EUR");
        await Assert.ThrowsAsync<BankUnavailableException>(() => transfer.ExecuteAsync(request)); // crashed after Pending

        // A month passes (the resume reminder is set to an hour, so nothing runs meanwhile); the source forgets old records.
        time.Advance(Retention + TimeSpan.FromDays(1));
        await silo.Grains.GetGrain<IAccountGrain>("3000000000000003").DepositAsync("later", 1, "EUR");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => transfer.ExecuteAsync(request));

        Assert.Contains("older than the accounts' operation retention", error.Message, StringComparison.Ordinal);
        Assert.Equal(TransferStatus.Pending, (await transfer.GetAsync()).Status);
        Assert.Equal(1_001, (await silo.Grains.GetGrain<IAccountGrain>("3000000000000003").GetAsync()).Account!.BalanceMinor);
        Assert.Equal(0, (await silo.Grains.GetGrain<IAccountGrain>("3000000000000004").GetAsync()).Account!.BalanceMinor);
    }

    private static Task<BankSilo> StartAsync(string db, ManualTimeProvider time, ITransferStepHook? hook = null) =>
        BankSilo.StartAsync(db, hook, o =>
        {
            o.OperationRetention = Retention;
            o.TransferResumePeriod = TimeSpan.FromHours(1);
        }, time);

    private static async Task<IAccountGrain> OpenFundedAsync(BankSilo silo, string id, long balance)
    {
        var account = silo.Grains.GetGrain<IAccountGrain>(id);
        await account.OpenAsync("alice", "EUR");
        await account.DepositAsync("funding", balance, "EUR");
        return account;
    }

    private static async Task<List<string>> StoredOperationIdsAsync(string db, string accountId)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        // The ADO.NET provider keeps a string key that reads as hexadecimal (account numbers do) as that number, in grain_id_n1.
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(array_agg(k ORDER BY k), '{}') FROM orleans_grain_state, jsonb_object_keys(convert_from(payload, 'UTF8')::jsonb->'Operations') AS k WHERE grain_id_n1 = ('x' || lpad($1, 16, '0'))::bit(64)::bigint AND grain_type = 'account'",
            connection);
        command.Parameters.Add(new() { Value = accountId });
        return [.. (string[])(await command.ExecuteScalarAsync())!];
    }
}
