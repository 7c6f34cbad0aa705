using Bank.Contracts;
using Bank.Tests.Infrastructure;
using Npgsql;

namespace Bank.Tests.Grains;

/// <summary>How long ids are remembered: a deposit's or withdrawal's for the retention, a transfer's key for ever.</summary>
[Collection(ServersCollectionDefinition.Name)]
public sealed class OperationRetentionTests(ServersFixture servers)
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DepositAsync_RepeatWithinRetention_AlreadyAppliedAndNothingMoves()
    {
        var time = new ManualTimeProvider(T0);
        await using var silo = await StartAsync(await servers.CreateDatabaseAsync(), time);
        var account = await OpenFundedAsync(silo, "3000000000000001", 1_000);

        time.Advance(Retention - TimeSpan.FromDays(1));
        await account.DepositAsync("later", 1, "EUR");
        var repeat = await account.DepositAsync("funding", 1_000, "EUR");

        Assert.Equal(AccountOutcome.AlreadyApplied, repeat.Outcome);
        Assert.Equal(1_001, repeat.Account!.BalanceMinor);
    }

    [Fact]
    public async Task DepositAsync_AfterRetention_RecordForgottenSoTheStoredStateStaysBounded()
    {
        var time = new ManualTimeProvider(T0);
        var db = await servers.CreateDatabaseAsync();
        await using var silo = await StartAsync(db, time);
        await OpenFundedAsync(silo, "3000000000000002", 1_000);

        time.Advance(Retention + TimeSpan.FromDays(1));
        await silo.Grains.GetGrain<IAccountGrain>("3000000000000002").DepositAsync("later", 1, "EUR");

        Assert.Equal(["deposit:later"], await StoredOperationIdsAsync(db, "3000000000000002"));
    }

    [Fact]
    public async Task ExecuteAsync_RepeatLongAfterRetention_FirstOutcomeAndNothingMoves()
    {
        var time = new ManualTimeProvider(T0);
        await using var silo = await StartAsync(await servers.CreateDatabaseAsync(), time);
        await OpenFundedAsync(silo, "3000000000000003", 1_000);
        await silo.Grains.GetGrain<IAccountGrain>("3000000000000004").OpenAsync("bob", "EUR");
        var transfer = silo.Grains.GetGrain<ITransferGrain>("alice:rent");
        var request = new TransferRequest("3000000000000003", "3000000000000004", 250, "EUR");
        var first = await transfer.ExecuteAsync(request);

        time.Advance(10 * Retention);
        await silo.Grains.GetGrain<IAccountGrain>("3000000000000003").DepositAsync("later", 1, "EUR");
        var repeat = await transfer.ExecuteAsync(request);

        Assert.Equal(first, repeat);
        Assert.Equal(751, (await silo.Grains.GetGrain<IAccountGrain>("3000000000000003").GetAsync()).Account!.BalanceMinor);
        Assert.Equal(250, (await silo.Grains.GetGrain<IAccountGrain>("3000000000000004").GetAsync()).Account!.BalanceMinor);
    }

    private static Task<BankSilo> StartAsync(string db, ManualTimeProvider time) =>
        BankSilo.StartAsync(db, configure: o => o.OperationRetention = Retention, time: time);

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
        // The ADO.NET provider keeps a string key that reads as hexadecimal (account numbers do) as that number, in
        // grain_id_n1; transactional state keeps the committed state beside the transaction records, in Orleans' JSON,
        // which adds its type name to a dictionary's keys.
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(array_agg(k ORDER BY k), '{}') FROM orleans_grain_state, jsonb_object_keys(convert_from(payload, 'UTF8')::jsonb->'CommittedState'->'Operations') AS k WHERE k NOT LIKE '$%' AND grain_id_n1 = ('x' || lpad($1, 16, '0'))::bit(64)::bigint AND grain_type = 'account-tx'",
            connection);
        command.Parameters.Add(new() { Value = accountId });
        return [.. (string[])(await command.ExecuteScalarAsync())!];
    }
}
