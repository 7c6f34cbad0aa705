using Orleans.Concurrency;
using Orleans.Transactions.Abstractions;

namespace Orleans.Bench.Transfers;

// Reentrant, as in the Orleans transactions sample: the transactional state's own locks order the transactions, and
// a transaction waiting for one must not block the grain's other calls (its commit or abort among them).
[Reentrant]
internal sealed class TxAccountGrain(
    [TransactionalState("balance", TxAccountGrain.Storage)] ITransactionalState<Balance> balance) : Grain, ITxAccountGrain
{
    public const string Storage = "transactions";

    public Task WithdrawAsync(long amountMinor) => balance.PerformUpdate(b =>
    {
        if (b.Minor < amountMinor)
        {
            throw new InvalidOperationException($"Account '{this.GetPrimaryKeyString()}' holds {b.Minor}, less than {amountMinor}: the transfer aborts.");
        }

        b.Minor -= amountMinor;
    });

    public Task DepositAsync(long amountMinor) => balance.PerformUpdate(b => b.Minor += amountMinor);

    public Task<long> GetBalanceAsync() => balance.PerformRead(b => b.Minor);
}
