namespace Orleans.Bench.Transfers;

/// <summary>An account whose balance is Orleans transactional state: changed only inside a transaction.</summary>
internal interface ITxAccountGrain : IGrainWithStringKey
{
    [Transaction(TransactionOption.Join)]
    Task WithdrawAsync(long amountMinor);

    [Transaction(TransactionOption.Join)]
    Task DepositAsync(long amountMinor);

    [Transaction(TransactionOption.CreateOrJoin)]
    Task<long> GetBalanceAsync();
}
