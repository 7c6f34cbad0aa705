using Bank.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transactions.Abstractions;

namespace Bank.Grains;

/// <summary>
/// An account, its state Orleans transactional state. A deposit or withdrawal is its own transaction: looked up by its
/// id first (a repeat returns the recorded outcome), then applied, committed, and only then announced and acknowledged.
/// Transfers change it through <see cref="ITransferParticipant"/>, inside the transfer's transaction. Older entries
/// move into immutable statement segments (<see cref="StatementArchive"/>), so the state each commit writes stays bounded.
/// </summary>
[GrainType("account")]
internal sealed partial class AccountGrain(
    [TransactionalState("account-tx", BankStorage.Transactions)] ITransactionalState<AccountState> state,
    ITransactionClient transactions,
    IAccountNotifier notifier,
    StatementArchive archive,
    IOptions<BankOptions> options,
    BankMetrics metrics,
    TimeProvider time,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain, ITransferParticipant
{
    // How often a write looks for operation records past the retention (more often only if the retention is shorter).
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    private string Id => this.GetPrimaryKeyString();

    public Task<AccountResult> OpenAsync(string ownerId, string currency) => RunAsync(s =>
    {
        if (IsOpen(s))
        {
            return Change(s, s.OwnerId == ownerId && s.Currency == currency ? AccountOutcome.AlreadyApplied : AccountOutcome.Conflict);
        }

        s.OwnerId = ownerId;
        s.Currency = currency;
        s.SingleOperationLimitMinor = options.Value.SingleOperationLimitMinor;
        s.OpenedAt = time.GetUtcNow();
        return Append(s, "opened", 0, "open:" + ownerId, null);
    });

    public async Task<AccountResult> GetAsync() =>
        (await transactions.ReadAsync(() => state.PerformRead(s => Change(s, IsOpen(s) ? AccountOutcome.Applied : AccountOutcome.NotFound)))).Result;

    public Task<AccountResult> DepositAsync(string operationId, long amountMinor, string currency) =>
        RunAsync(s => ApplyOperation(s, "deposit:" + operationId, "deposit", amountMinor, currency));

    public Task<AccountResult> WithdrawAsync(string operationId, long amountMinor, string currency) =>
        RunAsync(s => ApplyOperation(s, "withdrawal:" + operationId, "withdrawal", -amountMinor, currency));

    public Task<AccountChange> DebitAsync(string transferId, long amountMinor, string currency, string counterparty) =>
        state.PerformUpdate(s => Move(s, "debit:" + transferId, "transfer-out", -amountMinor, currency, counterparty));

    public Task<AccountChange> CreditAsync(string transferId, long amountMinor, string currency, string counterparty) =>
        state.PerformUpdate(s => Move(s, "credit:" + transferId, "transfer-in", amountMinor, currency, counterparty));

    public Task<AccountSnapshot?> ReadAsync() => state.PerformRead(s => Snapshot(s));

    public async Task<StatementPage> GetStatementAsync(int page, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var view = await transactions.ReadAsync(() => state.PerformRead(s =>
        {
            var total = s.ArchivedEntries + s.Entries.Count;
            // Newest first: the page holds the sequences from `newest` down to `oldest`.
            var newest = total - ((long)(page - 1) * pageSize);
            var oldest = Math.Max(1, newest - pageSize + 1);
            return (Total: total, Newest: newest, Oldest: oldest, s.Version, s.ArchivedEntries, s.StatementSegmentSize,
                Hot: s.Entries.Where(e => e.Sequence >= oldest && e.Sequence <= newest).ToList());
        }));

        // Segments below the committed archive mark never change again: they are read outside the transaction.
        var entries = new List<AccountEntry>();
        if (view.Newest >= 1 && view.Oldest <= view.ArchivedEntries)
        {
            var size = view.StatementSegmentSize;
            for (var segment = (view.Oldest - 1) / size; segment <= (Math.Min(view.Newest, view.ArchivedEntries) - 1) / size; segment++)
            {
                entries.AddRange((await archive.ReadAsync(this.GetGrainId(), segment)).Where(e => e.Sequence >= view.Oldest && e.Sequence <= view.Newest));
            }
        }

        entries.AddRange(view.Hot);
        entries.Reverse();
        return new StatementPage(Id, page, pageSize, view.Total, view.Version, entries);
    }

    public async Task CompactAsync()
    {
        try
        {
            await transactions.RunAsync(async () =>
            {
                var due = await state.PerformRead(s => IsCompactionDue(s)
                    ? (Segment: s.ArchivedEntries / SegmentSize(s), Entries: s.Entries.GetRange(0, SegmentSize(s)))
                    : default((long Segment, List<AccountEntry> Entries)?));
                if (due is not { } segment)
                {
                    return true;
                }

                // Written before the trim commits; if this transaction aborts, the next compaction writes it again.
                await archive.StoreAsync(this.GetGrainId(), segment.Segment, segment.Entries);
                await state.PerformUpdate(s =>
                {
                    var size = segment.Entries.Count;
                    s.StatementSegmentSize = size;
                    s.Entries.RemoveRange(0, size);
                    s.ArchivedEntries += size;
                });
                return true;
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The operation before it is committed and acknowledged either way: a failure here only delays the move.
            LogCompactionFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Could not move a statement segment out of an account's state; the next operation tries again.")]
    private static partial void LogCompactionFailed(ILogger logger, Exception exception);

    /// <summary>Runs one operation in its own transaction; once it committed, announces it and compacts when due.</summary>
    private async Task<AccountResult> RunAsync(Func<AccountState, AccountChange> operation)
    {
        AccountChange change = null!;
        try
        {
            await transactions.RunAsync(async () =>
            {
                change = await state.PerformUpdate(operation);
                return true;
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RefreshCacheAsync();
            throw;
        }

        await AnnounceAsync(change);
        return change.Result;
    }

    /// <summary>After a commit: the cache and subscribers learn of the change, and a long history moves a segment out.</summary>
    private async Task AnnounceAsync(AccountChange change)
    {
        if (change.Entry is { } entry && change.Account is { } account)
        {
            await notifier.OnChangedAsync(account, entry);
        }

        if (change.CompactionDue)
        {
            await CompactAsync();
        }
    }

    /// <summary>
    /// After a failure whose outcome is unknown (the commit may have happened with its answer lost): brings the cache up
    /// to what is committed, so it cannot keep showing a balance older than the truth. Best effort.
    /// </summary>
    private async Task RefreshCacheAsync()
    {
        try
        {
            if (await transactions.ReadAsync(() => state.PerformRead(s => Snapshot(s))) is { } account)
            {
                await notifier.OnActivatedAsync(account);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRefreshFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 6102, Level = LogLevel.Debug, Message = "Could not read the account to refresh its cache entry; the next change refreshes it.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    private AccountChange ApplyOperation(AccountState s, string key, string kind, long signedAmount, string currency)
    {
        if (!IsOpen(s))
        {
            return Change(s, AccountOutcome.NotFound);
        }

        if (s.Operations.TryGetValue(key, out var recorded))
        {
            return Change(s, s.OperationAmounts.TryGetValue(key, out var recordedAmount) && recordedAmount != signedAmount
                ? AccountOutcome.KeyReused
                : recorded == AccountOutcome.Applied ? AccountOutcome.AlreadyApplied : recorded);
        }

        var outcome = Check(s, signedAmount, currency);
        // The outcome is recorded either way: a refused operation id stays refused, so a late retry cannot apply it.
        ForgetOldOperations(s);
        s.Operations[key] = outcome;
        s.OperationAmounts[key] = signedAmount;
        s.OperationTimes[key] = time.GetUtcNow();
        if (outcome != AccountOutcome.Applied)
        {
            metrics.Refused(kind, outcome);
            return Change(s, outcome);
        }

        s.BalanceMinor += signedAmount;
        return Append(s, kind, signedAmount, key, null);
    }

    private AccountChange Move(AccountState s, string operationId, string kind, long signedAmount, string currency, string counterparty)
    {
        var outcome = IsOpen(s) ? Check(s, signedAmount, currency) : AccountOutcome.NotFound;
        if (outcome != AccountOutcome.Applied)
        {
            metrics.Refused(kind, outcome);
            return Change(s, outcome);
        }

        s.BalanceMinor += signedAmount;
        return Append(s, kind, signedAmount, operationId, counterparty);
    }

    private static AccountOutcome Check(AccountState s, long signedAmount, string currency)
    {
        var amount = Math.Abs(signedAmount);
        return signedAmount == 0 || signedAmount == long.MinValue ? AccountOutcome.InvalidAmount
            : currency != s.Currency ? AccountOutcome.CurrencyMismatch
            : amount > s.SingleOperationLimitMinor ? AccountOutcome.LimitExceeded
            : signedAmount < 0 && s.BalanceMinor < amount ? AccountOutcome.InsufficientFunds
            : signedAmount > 0 && s.BalanceMinor > long.MaxValue - amount ? AccountOutcome.LimitExceeded
            : AccountOutcome.Applied;
    }

    private AccountChange Append(AccountState s, string kind, long signedAmount, string operationId, string? counterparty)
    {
        s.Version++;
        var entry = new AccountEntry(s.ArchivedEntries + s.Entries.Count + 1, kind, signedAmount, s.BalanceMinor, operationId, counterparty, time.GetUtcNow());
        s.Entries.Add(entry);
        return new AccountChange(AccountOutcome.Applied, Snapshot(s), entry, IsCompactionDue(s));
    }

    private AccountChange Change(AccountState s, AccountOutcome outcome) => new(outcome, Snapshot(s), null, false);

    private int SegmentSize(AccountState s) => s.StatementSegmentSize > 0 ? s.StatementSegmentSize : options.Value.StatementSegmentSize;

    private bool IsCompactionDue(AccountState s) => s.Entries.Count >= 2 * SegmentSize(s);

    /// <summary>Forgets operation records older than the retention (looked for at most hourly, on a write).</summary>
    private void ForgetOldOperations(AccountState s)
    {
        var now = time.GetUtcNow();
        var retention = options.Value.OperationRetention;
        if (now - s.LastPrunedAt < (retention < PruneEvery ? retention : PruneEvery))
        {
            return;
        }

        s.LastPrunedAt = now;
        var cutoff = now - retention;
        foreach (var key in s.OperationTimes.Where(o => o.Value < cutoff).Select(o => o.Key).ToList())
        {
            s.Operations.Remove(key);
            s.OperationAmounts.Remove(key);
            s.OperationTimes.Remove(key);
        }
    }

    private static bool IsOpen(AccountState s) => s.OwnerId is not null;

    private AccountSnapshot? Snapshot(AccountState s) => IsOpen(s)
        ? new AccountSnapshot(Id, s.OwnerId!, s.Currency, s.BalanceMinor, s.Version, s.SingleOperationLimitMinor, s.OpenedAt)
        : null;
}
