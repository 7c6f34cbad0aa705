namespace Bank.Contracts;

/// <summary>A customer's index of accounts, keyed by the customer (token subject) id.</summary>
[Alias("bank.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Records the account number in the index (durably) before the account is opened, so no opened account is ever unlisted.</summary>
    Task AddAccountAsync(string accountId);

    /// <summary>The customer's account numbers, oldest first.</summary>
    Task<IReadOnlyList<string>> GetAccountsAsync();
}
