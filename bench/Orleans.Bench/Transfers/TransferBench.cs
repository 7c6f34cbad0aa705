using System.Collections.Concurrent;
using Bank.Contracts;
using Bank.Grains;
using Npgsql;
using Platform.Hosting.Servers;
using Platform.Orleans.PostgreSql;

namespace Orleans.Bench.Transfers;

/// <summary>
/// Random transfers among funded accounts at a fixed concurrency: the bank's saga (each step persisted, idempotent
/// account steps) against Orleans transactions (two-phase commit over transactional state), each in its own silo and
/// database on the same PostgreSQL with the same connection pool cap.
/// </summary>
internal static class TransferBench
{
    public const int Accounts = 64;
    public const int Callers = 16;
    public const int PoolSize = 32;   // two participants per transfer may write at once: room for all 16 callers
    private const long Funding = 1_000_000;

    public static async Task<TransferRun> SagaAsync(LocalPostgresServer postgres, TimeSpan duration)
    {
        var connectionString = await CreateDatabaseAsync(postgres, "saga");
        await using var silo = await BenchSilo.StartAsync("saga", s =>
        {
            s.Services.AddOrleansPostgreSqlSchema(_ => connectionString);
            s.AddAdoNetGrainStorage(BankStorage.Name, o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            s.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            s.AddBankGrains();
        });

        var accounts = AccountIds();
        await Task.WhenAll(accounts.Select(async id =>
        {
            var account = silo.Grains.GetGrain<IAccountGrain>(id);
            Ensure(await account.OpenAsync("bench", "EUR"), id);
            Ensure(await account.DepositAsync("funding", Funding, "EUR"), id);
        }));

        // A transfer that threw is left for its reminder; the bench finishes it at once (same key, so idempotent).
        var unfinished = new ConcurrentQueue<(string Id, TransferRequest Request)>();
        var next = 0L;
        var run = await MeasureAsync("saga: bank grains", duration, _ => async () =>
        {
            var (from, to, amount) = Pick(accounts);
            var request = new TransferRequest(from, to, amount, "EUR");
            var id = "bench-" + Interlocked.Increment(ref next);
            try
            {
                var result = await silo.Grains.GetGrain<ITransferGrain>(id).ExecuteAsync(request);
                return result.Status == TransferStatus.Completed ? null : "status " + result.Status;
            }
            catch (Exception e)
            {
                unfinished.Enqueue((id, request));
                return e.GetType().Name;
            }
        });

        foreach (var (id, request) in unfinished)
        {
            await silo.Grains.GetGrain<ITransferGrain>(id).ExecuteAsync(request);
        }

        var total = (await Task.WhenAll(accounts.Select(id => silo.Grains.GetGrain<IAccountGrain>(id).GetAsync()))).Sum(r => r.Account!.BalanceMinor);
        return run with { ExpectedTotal = Accounts * Funding, ActualTotal = total };
    }

    public static async Task<TransferRun> TransactionsAsync(LocalPostgresServer postgres, TimeSpan duration)
    {
        var connectionString = await CreateDatabaseAsync(postgres, "transactions");
        await using var silo = await BenchSilo.StartAsync("transactions", s =>
        {
            s.Services.AddOrleansPostgreSqlSchema(_ => connectionString);
            s.AddAdoNetGrainStorage(TxAccountGrain.Storage, o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            s.UseTransactions();
        });

        var accounts = AccountIds();
        var atm = silo.Grains.GetGrain<IAtmGrain>(-1);
        foreach (var id in accounts)
        {
            await atm.DepositAsync(id, Funding);
        }

        var run = await MeasureAsync("Orleans transactions", duration, caller =>
        {
            var mine = silo.Grains.GetGrain<IAtmGrain>(caller);
            return async () =>
            {
                var (from, to, amount) = Pick(accounts);
                try
                {
                    await mine.TransferAsync(from, to, amount);
                    return null;
                }
                catch (Exception e)
                {
                    // Aborted transactions changed nothing; the caller decides whether to retry.
                    return e.GetType().Name;
                }
            };
        });

        var total = (await Task.WhenAll(accounts.Select(id => silo.Grains.GetGrain<ITxAccountGrain>(id).GetBalanceAsync()))).Sum();
        return run with { ExpectedTotal = Accounts * Funding, ActualTotal = total };
    }

    // Each transfer returns null on success or what went wrong; failures are counted by that.
    private static async Task<TransferRun> MeasureAsync(string name, TimeSpan duration, Func<int, Func<Task<string?>>> caller)
    {
        var failures = new ConcurrentDictionary<string, int>();
        Func<int, Func<Task>> counted = i =>
        {
            var transfer = caller(i);
            return async () =>
            {
                if (await transfer() is { } failure)
                {
                    failures.AddOrUpdate(failure, 1, (_, n) => n + 1);
                }
            };
        };

        await ClosedLoop.RunAsync(name, Callers, ClosedLoop.Warmup(duration), counted);
        failures.Clear();
        var measurement = await ClosedLoop.RunAsync(name, Callers, duration, counted);
        return new TransferRun(measurement with { Failures = failures.Values.Sum() }, failures, 0, 0);
    }

    private static async Task<string> CreateDatabaseAsync(LocalPostgresServer postgres, string name)
    {
        await postgres.CreateDatabaseAsync(name);
        return new NpgsqlConnectionStringBuilder(postgres.GetConnectionString(name)) { MaxPoolSize = PoolSize }.ConnectionString;
    }

    private static string[] AccountIds() => Enumerable.Range(0, Accounts).Select(i => $"acct-{i:D2}").ToArray();

    private static (string From, string To, long Amount) Pick(string[] accounts)
    {
        var from = Random.Shared.Next(accounts.Length);
        var to = (from + 1 + Random.Shared.Next(accounts.Length - 1)) % accounts.Length;
        return (accounts[from], accounts[to], Random.Shared.Next(1, 101));
    }

    private static void Ensure(AccountResult result, string account)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Funding account '{account}' failed: {result.Outcome}.");
        }
    }
}
