namespace Bank.Contracts;

/// <summary>
/// One bank account, keyed by its account number. Its state is Orleans transactional state: every change is durable
/// before it returns, and every operation carries an id, so a repeated id returns the first outcome and changes nothing.
/// </summary>
[Alias("bank.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Opens the account for <paramref name="ownerId"/>; repeating it with the same owner and currency is harmless.</summary>
    Task<AccountResult> OpenAsync(string ownerId, string currency);

    /// <summary>The account, or a result with <see cref="AccountOutcome.NotFound"/> when it was never opened.</summary>
    Task<AccountResult> GetAsync();

    /// <summary>Adds money (a teller or customer deposit), once per <paramref name="operationId"/>.</summary>
    Task<AccountResult> DepositAsync(string operationId, long amountMinor, string currency);

    /// <summary>Takes money out, once per <paramref name="operationId"/>; never below zero.</summary>
    Task<AccountResult> WithdrawAsync(string operationId, long amountMinor, string currency);

    /// <summary>A page of the account's entries, newest first.</summary>
    Task<StatementPage> GetStatementAsync(int page, int pageSize);
}
