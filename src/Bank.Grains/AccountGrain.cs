using Bank.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bank.Grains;

/// <summary>
/// An account. Each operation is looked up by its id first (a repeat returns the recorded outcome), then applied,
/// written to storage, and only then acknowledged. Older entries move into immutable statement segments
/// (<see cref="StatementArchive"/>), so the state written on every operation stays bounded.
/// </summary>
[GrainType("account")]
internal sealed partial class AccountGrain(
    [PersistentState("account", BankStorage.Name)] IPersistentState<AccountState> state,
    IAccountNotifier notifier,
    StatementArchive archive,
    IOptions<BankOptions> options,
    BankMetrics metrics,
    TimeProvider time,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    // How often a write looks for operation records past the retention (more often only if the retention is shorter).
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    private AccountState S => state.State;

    private bool IsOpen => S.OwnerId is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (IsOpen)
        {
            await notifier.OnActivatedAsync(Result(AccountOutcome.Applied).Account!);
        }
    }

    public async Task<AccountResult> OpenAsync(string ownerId, string currency)
    {
        if (IsOpen)
        {
            return S.OwnerId == ownerId && S.Currency == currency ? Result(AccountOutcome.AlreadyApplied) : Result(AccountOutcome.Conflict);
        }

        S.OwnerId = ownerId;
        S.Currency = currency;
        S.SingleOperationLimitMinor = options.Value.SingleOperationLimitMinor;
        S.OpenedAt = time.GetUtcNow();
        return await CommitAsync(AccountOutcome.Applied, "open:" + ownerId, "opened", 0, null);
    }

    public Task<AccountResult> GetAsync() => Task.FromResult(Result(IsOpen ? AccountOutcome.Applied : AccountOutcome.NotFound));

    public Task<AccountResult> DepositAsync(string operationId, long amountMinor, string currency) =>
        ApplyAsync("deposit:" + operationId, "deposit", amountMinor, currency, null, time.GetUtcNow());

    public Task<AccountResult> WithdrawAsync(string operationId, long amountMinor, string currency) =>
        ApplyAsync("withdrawal:" + operationId, "withdrawal", -amountMinor, currency, null, time.GetUtcNow());

    public Task<AccountResult> DebitForTransferAsync(string transferId, long amountMinor, string currency, string counterparty, DateTimeOffset issuedAt) =>
        ApplyAsync("debit:" + transferId, "transfer-out", -amountMinor, currency, counterparty, issuedAt);

    public Task<AccountResult> CreditForTransferAsync(string transferId, long amountMinor, string currency, string counterparty, DateTimeOffset issuedAt) =>
        ApplyAsync("credit:" + transferId, "transfer-in", amountMinor, currency, counterparty, issuedAt);

    public async Task<AccountResult> ReverseDebitAsync(string transferId, string counterparty, DateTimeOffset issuedAt)
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

        if (IsForgotten(issuedAt))
        {
            return Result(AccountOutcome.Expired);
        }

        // Only a debit that was applied is returned, by the amount it was recorded with (its entry may be archived by now).
        var debitKey = "debit:" + transferId;
        if (!S.Operations.TryGetValue(debitKey, out var debitOutcome) || debitOutcome != AccountOutcome.Applied
            || !S.OperationAmounts.TryGetValue(debitKey, out var debitAmount))
        {
            return Result(AccountOutcome.NotFound);
        }

        S.BalanceMinor -= debitAmount;
        Record(key, AccountOutcome.Applied, -debitAmount, issuedAt);
        return await CommitAsync(AccountOutcome.Applied, key, "transfer-reversal", -debitAmount, counterparty);
    }

    public async Task<StatementPage> GetStatementAsync(int page, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var total = S.ArchivedEntries + S.Entries.Count;

        // Newest first: the page holds the sequences from `newest` down to `oldest`.
        var newest = total - ((long)(page - 1) * pageSize);
        var oldest = Math.Max(1, newest - pageSize + 1);
        var entries = new List<AccountEntry>();
        if (newest >= 1 && oldest <= S.ArchivedEntries)
        {
            var size = S.StatementSegmentSize;
            for (var segment = (oldest - 1) / size; segment <= (Math.Min(newest, S.ArchivedEntries) - 1) / size; segment++)
            {
                entries.AddRange((await archive.ReadAsync(this.GetGrainId(), segment)).Where(e => e.Sequence >= oldest && e.Sequence <= newest));
            }
        }

        entries.AddRange(S.Entries.Where(e => e.Sequence >= oldest && e.Sequence <= newest));
        entries.Reverse();
        return new StatementPage(this.GetPrimaryKeyString(), page, pageSize, total, S.Version, entries);
    }

    private async Task<AccountResult> ApplyAsync(string key, string kind, long signedAmount, string currency, string? counterparty, DateTimeOffset issuedAt)
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

        if (IsForgotten(issuedAt))
        {
            return Result(AccountOutcome.Expired);
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
        Record(key, outcome, signedAmount, issuedAt);
        if (outcome != AccountOutcome.Applied)
        {
            await PersistAsync();
            metrics.Refused(kind, outcome);
            return Result(outcome);
        }

        S.BalanceMinor += signedAmount;
        return await CommitAsync(outcome, key, kind, signedAmount, counterparty);
    }

    private async Task<AccountResult> CommitAsync(AccountOutcome outcome, string operationId, string kind, long signedAmount, string? counterparty)
    {
        var entry = new AccountEntry(S.ArchivedEntries + S.Entries.Count + 1, kind, signedAmount, S.BalanceMinor, operationId, counterparty, time.GetUtcNow());
        S.Entries.Add(entry);
        await PersistAsync();
        var result = Result(outcome);
        await notifier.OnChangedAsync(result.Account!, entry);
        await ArchiveDueSegmentAsync();
        return result;
    }

    /// <summary>
    /// Once two segments' worth of entries are hot, stores the older one as a segment, then drops it from the state.
    /// The operation before it is already durable and acknowledged either way: a failure here only delays the move.
    /// </summary>
    private async Task ArchiveDueSegmentAsync()
    {
        var size = S.StatementSegmentSize > 0 ? S.StatementSegmentSize : options.Value.StatementSegmentSize;
        if (S.Entries.Count < 2 * size)
        {
            return;
        }

        var segment = S.ArchivedEntries / size;
        try
        {
            await archive.StoreAsync(this.GetGrainId(), segment, S.Entries.GetRange(0, size));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogArchiveFailed(logger, segment, e);
            return;
        }

        S.StatementSegmentSize = size;
        S.Entries.RemoveRange(0, size);
        S.ArchivedEntries += size;
        try
        {
            // Not a change of the account: the version stays.
            await state.WriteStateAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Memory is now ahead of storage; the next activation re-reads it and finds the segment already stored.
            LogArchiveFailed(logger, segment, e);
            DeactivateOnIdle();
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Could not move statement segment {Segment} out of an account's state; the next operation tries again.")]
    private static partial void LogArchiveFailed(ILogger logger, long segment, Exception exception);

    private void Record(string key, AccountOutcome outcome, long signedAmount, DateTimeOffset issuedAt)
    {
        S.Operations[key] = outcome;
        S.OperationAmounts[key] = signedAmount;
        S.OperationTimes[key] = issuedAt;
    }

    // An unknown id issued at or before the horizon may be a step that was applied and then forgotten.
    private bool IsForgotten(DateTimeOffset issuedAt) => S.ForgottenBefore is { } horizon && issuedAt <= horizon;

    /// <summary>
    /// Forgets operation records issued longer ago than the retention (looked for at most hourly, on a write), moving
    /// the horizon past them so a step that old is refused as <see cref="AccountOutcome.Expired"/> instead of re-applied.
    /// </summary>
    private void ForgetOldOperations()
    {
        var now = time.GetUtcNow();
        var retention = options.Value.OperationRetention;
        if (now - S.LastPrunedAt < (retention < PruneEvery ? retention : PruneEvery))
        {
            return;
        }

        S.LastPrunedAt = now;
        var cutoff = now - retention;
        foreach (var key in S.Operations.Keys.ToList())
        {
            if (!S.OperationTimes.TryGetValue(key, out var issuedAt))
            {
                // Recorded before operation times were kept: the full retention starts now.
                S.OperationTimes[key] = now;
            }
            else if (issuedAt < cutoff)
            {
                S.Operations.Remove(key);
                S.OperationAmounts.Remove(key);
                S.OperationTimes.Remove(key);
                S.ForgottenBefore = S.ForgottenBefore is { } horizon && horizon > issuedAt ? horizon : issuedAt;
            }
        }
    }

    private async Task PersistAsync()
    {
        ForgetOldOperations();
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
