using Bank.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transactions.Abstractions;

namespace Bank.Grains;

/// <summary>
/// A transfer, keyed by its idempotency key. One Orleans transaction debits the source, credits the destination and
/// records the outcome in this grain's transactional state, so all three commit or none does: a repeated key finds the
/// record, and a crash at any point leaves either the whole transfer or nothing. When the account changed second refuses,
/// that transaction aborts (undoing the first change) and a second one records the refusal.
/// </summary>
[GrainType("transfer")]
internal sealed class TransferGrain(
    [TransactionalState("transfer-tx", BankStorage.Transactions)] ITransactionalState<TransferState> state,
    ITransactionClient transactions,
    IAccountNotifier notifier,
    BankMetrics metrics,
    TimeProvider time,
    IServiceProvider services) : Grain, ITransferGrain
{
    private readonly ITransferStepHook? _hook = services.GetService<ITransferStepHook>();

    private string TransferId => this.GetPrimaryKeyString();

    public async Task<TransferResult> ExecuteAsync(TransferRequest transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        var from = GrainFactory.GetGrain<ITransferParticipant>(transfer.FromAccountId);
        var to = GrainFactory.GetGrain<ITransferParticipant>(transfer.ToAccountId);
        var started = time.GetUtcNow();
        TransferResult result = null!;
        AccountChange? debit = null, credit = null;
        (TransferStatus Status, AccountOutcome Reason)? refusal = null;
        var recordedNow = false;
        try
        {
            await transactions.RunAsync(async () =>
            {
                (debit, credit, refusal, recordedNow) = (null, null, null, false);
                result = await state.PerformRead(Result);
                return result.Status != TransferStatus.None || await TransferAsync();
            });

            if (refusal is { } refused)
            {
                await transactions.RunAsync(async () =>
                {
                    (debit, credit, recordedNow) = (null, null, false);
                    result = await state.PerformRead(Result);
                    if (result.Status == TransferStatus.None)
                    {
                        result = await RecordAsync(transfer, refused.Status, refused.Reason, started);
                        recordedNow = true;
                    }

                    return true;
                });
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RefreshCachesAsync(from, to);
            throw;
        }

        if (result.Request is { } recorded && recorded != transfer)
        {
            return result with { Status = TransferStatus.KeyReused };
        }

        if (!recordedNow)
        {
            // A repeat: its caller may be retrying after an answer that was lost, so the caches may predate the commit.
            await RefreshCachesAsync(from, to);
            return result;
        }

        metrics.TransferFinished(transfer, result.Status, result.FailureReason, time.GetUtcNow() - started);
        await StepAsync(TransferStep.Committed);
        if (debit is not null)
        {
            await AnnounceAsync(from, debit);
        }

        if (credit is not null)
        {
            await AnnounceAsync(to, credit);
        }

        return result;

        // Inside the transaction: true commits the debit, the credit and the record; false aborts all of them. The two
        // accounts are locked in the order of their ids, so transfers over the same pair never wait on each other in a
        // cycle. A refusal by the first account is recorded at once (nothing moved yet); one by the second aborts.
        async Task<bool> TransferAsync()
        {
            var debitFirst = string.CompareOrdinal(transfer.FromAccountId, transfer.ToAccountId) <= 0;
            if (debitFirst ? !await DebitAsync() : !await CreditAsync())
            {
                var (status, reason) = debitFirst ? (TransferStatus.Failed, debit!.Outcome) : (TransferStatus.Refused, credit!.Outcome);
                result = await RecordAsync(transfer, status, reason, started);
                (debit, credit, recordedNow) = (null, null, true);
                return true;
            }

            if (debitFirst ? !await CreditAsync() : !await DebitAsync())
            {
                refusal = debitFirst ? (TransferStatus.Refused, credit!.Outcome) : (TransferStatus.Failed, debit!.Outcome);
                return false;
            }

            result = await RecordAsync(transfer, TransferStatus.Completed, null, started);
            recordedNow = true;
            return true;
        }

        async Task<bool> DebitAsync()
        {
            debit = await from.DebitAsync(TransferId, transfer.AmountMinor, transfer.Currency, transfer.ToAccountId);
            if (debit.Outcome == AccountOutcome.Applied)
            {
                await StepAsync(TransferStep.Debited);
            }

            return debit.Outcome == AccountOutcome.Applied;
        }

        async Task<bool> CreditAsync()
        {
            credit = await to.CreditAsync(TransferId, transfer.AmountMinor, transfer.Currency, transfer.FromAccountId);
            return credit.Outcome == AccountOutcome.Applied;
        }
    }

    /// <summary>
    /// After a failure whose outcome is unknown, or a repeat: brings both accounts' cache entries up to what is committed
    /// (entries only ever move to newer versions). Best effort: the next change of the account refreshes it too.
    /// </summary>
    private async Task RefreshCachesAsync(ITransferParticipant from, ITransferParticipant to)
    {
        try
        {
            var accounts = await transactions.ReadAsync(async () => (From: await from.ReadAsync(), To: await to.ReadAsync()));
            foreach (var account in new[] { accounts.From, accounts.To })
            {
                if (account is not null)
                {
                    await notifier.OnActivatedAsync(account);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The failure that brought us here is what the caller hears about.
        }
    }

    public Task<TransferResult> GetAsync() => transactions.ReadAsync(() => state.PerformRead(Result));

    private Task<TransferResult> RecordAsync(TransferRequest request, TransferStatus status, AccountOutcome? reason, DateTimeOffset started) =>
        state.PerformUpdate(s =>
        {
            s.Status = status;
            s.Request = request;
            s.FailureReason = reason;
            s.CreatedAt = started;
            s.CompletedAt = time.GetUtcNow();
            return Result(s);
        });

    private async Task AnnounceAsync(ITransferParticipant account, AccountChange change)
    {
        if (change.Entry is { } entry && change.Account is { } snapshot)
        {
            await notifier.OnChangedAsync(snapshot, entry);
        }

        if (change.CompactionDue)
        {
            await account.CompactAsync();
        }
    }

    private Task StepAsync(TransferStep step) => _hook?.OnStepAsync(TransferId, step) ?? Task.CompletedTask;

    private TransferResult Result(TransferState s) => new(TransferId, s.Status, s.Request, s.FailureReason, s.CompletedAt);
}
