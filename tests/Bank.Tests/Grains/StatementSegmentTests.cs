using Bank.Contracts;
using Bank.Tests.Infrastructure;
using Npgsql;

namespace Bank.Tests.Grains;

[Collection(ServersCollectionDefinition.Name)]
public sealed class StatementSegmentTests(ServersFixture servers)
{
    private const int SegmentSize = 4;

    [Fact]
    public async Task GetStatementAsync_HistoryLongerThanTheHotEntries_EveryPageNewestFirstAcrossSegments()
    {
        var db = await servers.CreateDatabaseAsync();
        await using var silo = await StartAsync(db);
        var account = await OpenWithDepositsAsync(silo, "2000000000000001", deposits: 30);

        var sequences = new List<long>();
        for (var page = 1; page <= 5; page++)
        {
            var statement = await account.GetStatementAsync(page, 7);
            Assert.Equal(31, statement.TotalEntries);
            sequences.AddRange(statement.Entries.Select(e => e.Sequence));
        }

        Assert.Equal(Enumerable.Range(1, 31).Reverse().Select(i => (long)i), sequences);
        var oldest = (await account.GetStatementAsync(5, 7)).Entries;
        Assert.Equal(["deposit", "deposit", "opened"], oldest.Select(e => e.Kind));
        Assert.Equal(3, oldest[0].BalanceAfterMinor);
        Assert.Empty((await account.GetStatementAsync(6, 7)).Entries);
    }

    [Fact]
    public async Task DepositAsync_ManyOperations_StoredAccountStateKeepsFewerThanTwoSegmentsOfEntries()
    {
        var db = await servers.CreateDatabaseAsync();
        await using var silo = await StartAsync(db);
        var account = await OpenWithDepositsAsync(silo, "2000000000000002", deposits: 40);

        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        // The ADO.NET provider keeps a string key that reads as hexadecimal (account numbers do) as that number, in grain_id_n1.
        await using var command = new NpgsqlCommand(
            "SELECT jsonb_array_length(convert_from(payload, 'UTF8')::jsonb->'Entries') FROM orleans_grain_state WHERE grain_id_n1 = ('x' || lpad('2000000000000002', 16, '0'))::bit(64)::bigint AND grain_type = 'account'",
            connection);
        var hot = (int)(await command.ExecuteScalarAsync())!;
        Assert.InRange(hot, SegmentSize, (2 * SegmentSize) - 1);
        Assert.Equal(41, (await account.GetStatementAsync(1, 1)).TotalEntries);
    }

    [Fact]
    public async Task GetStatementAsync_AfterSiloRestart_SameHistory()
    {
        var db = await servers.CreateDatabaseAsync();
        IReadOnlyList<AccountEntry> before;
        await using (var silo = await StartAsync(db))
        {
            var account = await OpenWithDepositsAsync(silo, "2000000000000003", deposits: 17);
            before = (await account.GetStatementAsync(1, 100)).Entries;
        }

        await using var restarted = await StartAsync(db);
        var again = restarted.Grains.GetGrain<IAccountGrain>("2000000000000003");
        var after = (await again.GetStatementAsync(1, 100)).Entries;

        Assert.Equal(18, after.Count);
        Assert.Equal(before, after);
        Assert.Equal(19, (await again.DepositAsync("d18", 1, "EUR")).Account!.Version);
        Assert.Equal(19, (await again.GetStatementAsync(1, 1)).Entries[0].Sequence);
    }

    [Fact]
    public async Task ReverseDebitAsync_DebitEntryAlreadyArchived_ReturnsTheDebitedAmountOnce()
    {
        var db = await servers.CreateDatabaseAsync();
        await using var silo = await StartAsync(db);
        var account = silo.Grains.GetGrain<IAccountGrain>("2000000000000004");
        await account.OpenAsync("alice", "EUR");
        await account.DepositAsync("funding", 1_000, "EUR");
        var issuedAt = DateTimeOffset.UtcNow;
        await account.DebitForTransferAsync("t-1", 250, "EUR", "2000000000000099", issuedAt);
        for (var i = 1; i <= 3 * SegmentSize; i++)
        {
            await account.DepositAsync($"later-{i}", 1, "EUR");
        }

        var reversal = await account.ReverseDebitAsync("t-1", "2000000000000099", issuedAt);
        var repeated = await account.ReverseDebitAsync("t-1", "2000000000000099", issuedAt);

        Assert.Equal(AccountOutcome.Applied, reversal.Outcome);
        Assert.Equal(AccountOutcome.AlreadyApplied, repeated.Outcome);
        Assert.Equal(1_000 + (3 * SegmentSize), repeated.Account!.BalanceMinor);
        var newest = (await account.GetStatementAsync(1, 1)).Entries[0];
        Assert.Equal(("transfer-reversal", 250L, "2000000000000099"), (newest.Kind, newest.AmountMinor, newest.Counterparty));
    }

    /// <summary>Opens an account and deposits 1, 2, 3, … minor units, one operation each.</summary>
    private static async Task<IAccountGrain> OpenWithDepositsAsync(BankSilo silo, string id, int deposits)
    {
        var account = silo.Grains.GetGrain<IAccountGrain>(id);
        await account.OpenAsync("alice", "EUR");
        for (var i = 1; i <= deposits; i++)
        {
            await account.DepositAsync($"d{i}", i, "EUR");
        }

        return account;
    }

    private static Task<BankSilo> StartAsync(string db) => BankSilo.StartAsync(db, configure: o => o.StatementSegmentSize = SegmentSize);
}
