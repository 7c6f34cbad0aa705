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

        var hot = await HotEntriesAsync(db, "2000000000000002");
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
    public async Task GetStatementAsync_TransfersLongerThanTheHotEntries_EveryTransferOnceOnBothSidesAcrossSegments()
    {
        var db = await servers.CreateDatabaseAsync();
        await using var silo = await StartAsync(db);
        var from = await OpenWithDepositsAsync(silo, "2000000000000004", deposits: 10);   // 55
        var to = await OpenWithDepositsAsync(silo, "2000000000000005", deposits: 0);
        var keys = Enumerable.Range(0, 5 * SegmentSize).Select(i => $"t{i}").ToList();
        foreach (var key in keys)
        {
            var sent = await silo.Grains.GetGrain<ITransferGrain>(key).ExecuteAsync(new TransferRequest("2000000000000004", "2000000000000005", 2, "EUR"));
            Assert.Equal(TransferStatus.Completed, sent.Status);
        }

        var outs = (await from.GetStatementAsync(1, 100)).Entries.Where(e => e.Kind == "transfer-out").Select(e => e.OperationId).Reverse();
        var ins = (await to.GetStatementAsync(1, 100)).Entries.Where(e => e.Kind == "transfer-in").Select(e => e.OperationId).Reverse();
        Assert.Equal(keys.Select(k => "debit:" + k), outs);
        Assert.Equal(keys.Select(k => "credit:" + k), ins);
        Assert.Equal(55 - (2 * keys.Count), (await from.GetAsync()).Account!.BalanceMinor);
        Assert.InRange(await HotEntriesAsync(db, "2000000000000005"), SegmentSize, (2 * SegmentSize) - 1);
    }

    private static async Task<int> HotEntriesAsync(string db, string accountId)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        // The ADO.NET provider keeps a string key that reads as hexadecimal (account numbers do) as that number, in
        // grain_id_n1; transactional state keeps the committed state beside the transaction records, in Orleans' JSON,
        // which wraps a list with its type name.
        await using var command = new NpgsqlCommand(
            "SELECT jsonb_array_length(convert_from(payload, 'UTF8')::jsonb->'CommittedState'->'Entries'->'$values') FROM orleans_grain_state WHERE grain_id_n1 = ('x' || lpad($1, 16, '0'))::bit(64)::bigint AND grain_type = 'account-tx'",
            connection);
        command.Parameters.Add(new() { Value = accountId });
        return (int)(await command.ExecuteScalarAsync())!;
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
