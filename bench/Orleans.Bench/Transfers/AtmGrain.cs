namespace Orleans.Bench.Transfers;

internal sealed class AtmGrain : Grain, IAtmGrain
{
    public Task TransferAsync(string fromAccountId, string toAccountId, long amountMinor) => Task.WhenAll(
        GrainFactory.GetGrain<ITxAccountGrain>(fromAccountId).WithdrawAsync(amountMinor),
        GrainFactory.GetGrain<ITxAccountGrain>(toAccountId).DepositAsync(amountMinor));

    public Task DepositAsync(string accountId, long amountMinor) =>
        GrainFactory.GetGrain<ITxAccountGrain>(accountId).DepositAsync(amountMinor);
}
