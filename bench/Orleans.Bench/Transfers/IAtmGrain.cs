namespace Orleans.Bench.Transfers;

/// <summary>Starts the transactions (the ATM of the Orleans sample); the bench gives each caller its own.</summary>
internal interface IAtmGrain : IGrainWithIntegerKey
{
    [Transaction(TransactionOption.Create)]
    Task TransferAsync(string fromAccountId, string toAccountId, long amountMinor);

    [Transaction(TransactionOption.Create)]
    Task DepositAsync(string accountId, long amountMinor);
}
