using Orleans.Transactions;

namespace Bank.Grains;

/// <summary>Runs the bank's Orleans transactions: a new one each time, tried again while it aborted for contention alone.</summary>
internal static class BankTransactions
{
    // Two transfers over the same account conflict on its lock; one aborts and changed nothing, so running it again is safe.
    private const int Attempts = 4;

    /// <summary>
    /// Runs <paramref name="body"/> in a new transaction, which commits when it returns true and aborts (changing
    /// nothing) when it returns false. Returns when the outcome is durable; an exception leaves it unknown.
    /// </summary>
    public static async Task RunAsync(this ITransactionClient transactions, Func<Task<bool>> body)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await transactions.RunTransaction(TransactionOption.Create, body);
                return;
            }
            catch (OrleansTransactionException e) when (attempt < Attempts && IsContention(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)));
            }
        }
    }

    /// <summary>Runs a read-only <paramref name="read"/> in its own transaction.</summary>
    public static async Task<T> ReadAsync<T>(this ITransactionClient transactions, Func<Task<T>> read)
    {
        T result = default!;
        await transactions.RunAsync(async () =>
        {
            result = await read();
            return true;
        });
        return result;
    }

    /// <summary>An abort that says nothing committed and nothing failed but a lock (a cause from the caller's own code is not retried).</summary>
    private static bool IsContention(OrleansTransactionException e) => e is OrleansTransactionLockUpgradeException
        or OrleansBrokenTransactionLockException or OrleansCascadingAbortException or OrleansTransactionTransientFailureException
        || (e is OrleansTransactionAbortedException && e.InnerException is null or OrleansTransactionException);
}
