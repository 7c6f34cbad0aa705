using Bank.Contracts;

namespace Bank.Grains;

/// <summary>The index of a customer's accounts.</summary>
internal sealed class CustomerGrain([PersistentState("customer", BankStorage.Name)] IPersistentState<CustomerState> state)
    : Grain, ICustomerGrain
{
    public async Task AddAccountAsync(string accountId)
    {
        if (!state.State.Accounts.Contains(accountId))
        {
            state.State.Accounts.Add(accountId);
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> GetAccountsAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Accounts]);
}
