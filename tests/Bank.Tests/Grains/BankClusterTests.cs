using System.Collections.Concurrent;
using Bank.Contracts;
using Bank.Tests.Infrastructure;
using Platform.AspNetCore.Problems;

namespace Bank.Tests.Grains;

/// <summary>The bank's grains spread over 3 in-process silos on PostgreSQL state and reminders.</summary>
[Collection(ServersCollectionDefinition.Name)]
public sealed class BankClusterTests(ServersFixture servers)
{
    [Fact]
    public async Task Transfers_SiloKilledDuringAStream_EveryAcknowledgedTransferOnceAndTotalConserved()
    {
        await using var silo = await BankSilo.StartAsync(
            await servers.CreateDatabaseAsync(), configure: o => o.TransferResumePeriod = TimeSpan.FromMilliseconds(500), silos: 3);
        var cluster = silo.Cluster;
        var grains = cluster.Client;
        string[] accounts = [.. Enumerable.Range(0, 6).Select(i => $"100000000000000{i}")];
        foreach (var id in accounts)
        {
            await RetryAsync(() => grains.GetGrain<IAccountGrain>(id).OpenAsync("owner", "EUR"));
            await RetryAsync(() => grains.GetGrain<IAccountGrain>(id).DepositAsync("seed", 10_000, "EUR"));
        }

        var acknowledged = new ConcurrentDictionary<string, TransferResult>();
        var requests = new ConcurrentDictionary<string, TransferRequest>();
        var started = 0;
        var streams = Enumerable.Range(0, 4).Select(s => Task.Run(async () =>
        {
            var random = new Random(s);
            for (var i = 0; i < 30; i++)
            {
                var from = accounts[random.Next(accounts.Length)];
                var to = accounts.Where(a => a != from).ElementAt(random.Next(accounts.Length - 1));
                var key = $"s{s}-{i}";
                requests[key] = new TransferRequest(from, to, random.Next(1, 3_000), "EUR");
                Interlocked.Increment(ref started);
                try
                {
                    acknowledged[key] = await grains.GetGrain<ITransferGrain>(key).ExecuteAsync(requests[key]);
                }
                catch (Exception e) when (BackendExceptionHandler.IsTransient(e))
                {
                    // Outcome unknown: the same key is retried below, as a client would.
                }
            }
        })).ToArray();
        await Probe.WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref started) >= 30), "a third of the transfers to start");

        // Not the first silo: the test cluster's in-memory membership table lives there.
        await cluster.KillSiloAsync(cluster.Silos[1]);
        await Task.WhenAll(streams);
        await cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        // Retrying every key (acknowledged or not) must return the first outcome and change nothing more.
        foreach (var (key, request) in requests)
        {
            var result = await RetryAsync(() => grains.GetGrain<ITransferGrain>(key).ExecuteAsync(request));
            while (!result.IsFinal)
            {
                await Task.Delay(100);
                result = await RetryAsync(() => grains.GetGrain<ITransferGrain>(key).ExecuteAsync(request));
            }

            if (acknowledged.TryGetValue(key, out var first))
            {
                Assert.Equal(first.Status, result.Status);
            }

            acknowledged[key] = result;
        }

        var balances = new Dictionary<string, long>();
        var statements = new Dictionary<string, StatementPage>();
        foreach (var id in accounts)
        {
            balances[id] = (await RetryAsync(() => grains.GetGrain<IAccountGrain>(id).GetAsync())).Account!.BalanceMinor;
            statements[id] = await RetryAsync(() => grains.GetGrain<IAccountGrain>(id).GetStatementAsync(1, 1_000));
        }

        Assert.Equal(accounts.Length * 10_000L, balances.Values.Sum());
        Assert.All(balances.Values, b => Assert.True(b >= 0));
        Assert.Contains(acknowledged.Values, r => r.Status == TransferStatus.Completed);
        foreach (var (key, result) in acknowledged)
        {
            var request = requests[key];
            var outs = statements[request.FromAccountId].Entries.Count(e => e.OperationId == "debit:" + key);
            var ins = statements[request.ToAccountId].Entries.Count(e => e.OperationId == "credit:" + key);
            Assert.Equal(result.Status == TransferStatus.Completed ? (1, 1) : (0, 0), (outs, ins));
        }
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (attempt < 100 && BackendExceptionHandler.IsTransient(e))
            {
                await Task.Delay(100);
            }
        }
    }
}
