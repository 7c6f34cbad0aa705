namespace Bank.Contracts;

/// <summary>
/// One bank account, keyed by its account number. Every balance change is written to storage before it returns, and every
/// operation carries an id: a repeated id returns the first outcome and changes nothing.
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

    /// <summary>
    /// Transfer step: debits this (source) account once per transfer. A rejection is recorded too, so it sticks.
    /// <paramref name="issuedAt"/> is when the transfer was created: a step issued before the account's retention
    /// horizon gets <see cref="AccountOutcome.Expired"/>, never a second application.
    /// </summary>
    Task<AccountResult> DebitForTransferAsync(string transferId, long amountMinor, string currency, string counterparty, DateTimeOffset issuedAt);

    /// <summary>Transfer step: credits this (destination) account once per transfer (see <see cref="DebitForTransferAsync"/> for <paramref name="issuedAt"/>).</summary>
    Task<AccountResult> CreditForTransferAsync(string transferId, long amountMinor, string currency, string counterparty, DateTimeOffset issuedAt);

    /// <summary>Compensation: returns a transfer's debit to this account, once, and only if that debit was applied.</summary>
    Task<AccountResult> ReverseDebitAsync(string transferId, string counterparty, DateTimeOffset issuedAt);

    /// <summary>A page of the account's entries, newest first.</summary>
    Task<StatementPage> GetStatementAsync(int page, int pageSize);
}
