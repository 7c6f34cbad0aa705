using Bank.Contracts;
using Microsoft.Extensions.Options;
using Platform.Actors;
using Platform.Actors.Storage;

namespace Bank.Grains;

/// <summary>
/// An account. Each operation is looked up by its id first (a repeat returns the recorded outcome), then applied,
/// written to storage, and only then acknowledged.
/// </summary>
[GrainType("account")]
internal sealed class AccountGrain(
    [PersistentState("account", BankStorage.Name)] IPersistentState<AccountState> state,
    IAccountNotifier notifier,
    IOptions<BankOptions> options) : Grain, IAccountGrain
{
    private AccountState S => state.State;

    private bool IsOpen => S.OwnerId is not null;

    public async Task<AccountResult> OpenAsync(string ownerId, string currency)
    {
        if (IsOpen)
        {
            return S.OwnerId == ownerId && S.Currency == currency ? Result(AccountOutcome.AlreadyApplied) : Result(AccountOutcome.Conflict);
        }

        S.OwnerId = ownerId;
        S.Currency = currency;
        S.SingleOperationLimitMinor = options.Value.SingleOperationLimitMinor;
        S.OpenedAt = DateTimeOffset.UtcNow;
        return await CommitAsync(AccountOutcome.Applied, "open:" + ownerId, "opened", 0, null);
    }

    public Task<AccountResult> GetAsync() => Task.FromResult(Result(IsOpen ? AccountOutcome.Applied : AccountOutcome.NotFound));

    public Task<AccountResult> DepositAsync(string operationId, long amountMinor, string currency) =>
        ApplyAsync("deposit:" + operationId, "deposit", amountMinor, currency, null);

    public Task<AccountResult> WithdrawAsync(string operationId, long amountMinor, string currency) =>
        ApplyAsync("withdrawal:" + operationId, "withdrawal", -amountMinor, currency, null);

    public Task<AccountResult> DebitForTransferAsync(string transferId, long amountMinor, string currency, string counterparty) =>
        ApplyAsync("debit:" + transferId, "transfer-out", -amountMinor, currency, counterparty);

    public Task<AccountResult> CreditForTransferAsync(string transferId, long amountMinor, string currency, string counterparty) =>
        ApplyAsync("credit:" + transferId, "transfer-in", amountMinor, currency, counterparty);

    public async Task<AccountResult> ReverseDebitAsync(string transferId)
    {
        if (!IsOpen)
        {
            return Result(AccountOutcome.NotFound);
        }

        var key = "reversal:" + transferId;
        if (S.Operations.TryGetValue(key, out var recorded))
        {
            return Result(Repeat(recorded));
        }

        // Only a debit that was applied is returned; the debit's own entry says how much.
        var debit = S.Operations.TryGetValue("debit:" + transferId, out var debitOutcome) && debitOutcome == AccountOutcome.Applied
            ? S.Entries.FindLast(e => e.OperationId == "debit:" + transferId)
            : null;
        if (debit is null)
        {
            return Result(AccountOutcome.NotFound);
        }

        S.BalanceMinor -= debit.AmountMinor;
        S.Operations[key] = AccountOutcome.Applied;
        return await CommitAsync(AccountOutcome.Applied, key, "transfer-reversal", -debit.AmountMinor, debit.Counterparty);
    }

    public Task<StatementPage> GetStatementAsync(int page, int pageSize)
    {
        var entries = S.Entries.AsEnumerable().Reverse().Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return Task.FromResult(new StatementPage(this.GetPrimaryKeyString(), page, pageSize, S.Entries.Count, S.Version, entries));
    }

    private async Task<AccountResult> ApplyAsync(string key, string kind, long signedAmount, string currency, string? counterparty)
    {
        if (!IsOpen)
        {
            return Result(AccountOutcome.NotFound);
        }

        if (S.Operations.TryGetValue(key, out var recorded))
        {
            return Result(S.OperationAmounts.TryGetValue(key, out var recordedAmount) && recordedAmount != signedAmount
                ? AccountOutcome.KeyReused
                : Repeat(recorded));
        }

        var amount = Math.Abs(signedAmount);
        var outcome = signedAmount == 0 || signedAmount == long.MinValue ? AccountOutcome.InvalidAmount
            : currency != S.Currency ? AccountOutcome.CurrencyMismatch
            : amount > S.SingleOperationLimitMinor ? AccountOutcome.LimitExceeded
            : signedAmount < 0 && S.BalanceMinor < amount ? AccountOutcome.InsufficientFunds
            : signedAmount > 0 && S.BalanceMinor > long.MaxValue - amount ? AccountOutcome.LimitExceeded
            : AccountOutcome.Applied;

        // The outcome is recorded either way: a rejected transfer id stays rejected, so a late retry of a step the
        // transfer already gave up on can never move money.
        S.Operations[key] = outcome;
        S.OperationAmounts[key] = signedAmount;
        if (outcome != AccountOutcome.Applied)
        {
            await PersistAsync();
            return Result(outcome);
        }

        S.BalanceMinor += signedAmount;
        return await CommitAsync(outcome, key, kind, signedAmount, counterparty);
    }

    private async Task<AccountResult> CommitAsync(AccountOutcome outcome, string operationId, string kind, long signedAmount, string? counterparty)
    {
        var entry = new AccountEntry(S.Entries.Count + 1, kind, signedAmount, S.BalanceMinor, operationId, counterparty, DateTimeOffset.UtcNow);
        S.Entries.Add(entry);
        await PersistAsync();
        var result = Result(outcome);
        await notifier.OnChangedAsync(result.Account!, entry);
        return result;
    }

    private async Task PersistAsync()
    {
        S.Version++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The in-memory state is now ahead of (or beside) what is stored: drop this activation so the next call
            // re-reads the truth instead of acknowledging something that may not be durable.
            DeactivateOnIdle();
            throw;
        }
    }

    private static AccountOutcome Repeat(AccountOutcome recorded) =>
        recorded == AccountOutcome.Applied ? AccountOutcome.AlreadyApplied : recorded;

    private AccountResult Result(AccountOutcome outcome) => new(
        outcome,
        IsOpen
            ? new AccountSnapshot(this.GetPrimaryKeyString(), S.OwnerId!, S.Currency, S.BalanceMinor, S.Version, S.SingleOperationLimitMinor, S.OpenedAt)
            : null);
}
