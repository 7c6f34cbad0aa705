using Bank.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bank.Grains;

/// <summary>
/// A transfer, keyed by its idempotency key. Each status is written before the step it leads to is taken, and both
/// account steps are idempotent by the transfer id, so running the protocol again from any durable status is safe:
/// a reminder does exactly that after a crash.
/// </summary>
[GrainType("transfer")]
internal sealed class TransferGrain(
    [PersistentState("transfer", BankStorage.Name)] IPersistentState<TransferState> state,
    IOptions<BankOptions> options,
    BankMetrics metrics,
    TimeProvider time,
    IServiceProvider services) : Grain, ITransferGrain, IRemindable
{
    private const string ResumeReminder = "resume";

    private readonly ITransferStepHook? _hook = services.GetService<ITransferStepHook>();

    private TransferState S => state.State;

    private string TransferId => this.GetPrimaryKeyString();

    public async Task<TransferResult> ExecuteAsync(TransferRequest transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        if (S.Status == TransferStatus.None)
        {
            // The reminder comes first: if we crash after writing Pending, something must come back for it.
            await this.RegisterOrUpdateReminder(ResumeReminder, options.Value.TransferResumePeriod, options.Value.TransferResumePeriod);
            S.Request = transfer;
            S.CreatedAt = time.GetUtcNow();
            await MoveToAsync(TransferStatus.Pending);
        }
        else if (S.Request != transfer)
        {
            return new TransferResult(TransferId, TransferStatus.KeyReused, S.Request, null, null);
        }

        return await RunAsync();
    }

    public Task<TransferResult> GetAsync() => Task.FromResult(Result());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (S.Status is TransferStatus.Pending or TransferStatus.Debited or TransferStatus.Compensating)
        {
            await RunAsync();
        }
        else
        {
            await UnregisterResumeAsync();
        }
    }

    private async Task<TransferResult> RunAsync()
    {
        try
        {
            var request = S.Request!;
            var from = GrainFactory.GetGrain<IAccountGrain>(request.FromAccountId);
            var to = GrainFactory.GetGrain<IAccountGrain>(request.ToAccountId);
            if (S.Status == TransferStatus.Pending)
            {
                var debit = EnsureNotExpired(await from.DebitForTransferAsync(TransferId, request.AmountMinor, request.Currency, request.ToAccountId, S.CreatedAt));
                await MoveToAsync(debit.Succeeded ? TransferStatus.Debited : TransferStatus.Failed, debit.Succeeded ? null : debit.Outcome);
            }

            if (S.Status == TransferStatus.Debited)
            {
                var credit = EnsureNotExpired(await to.CreditForTransferAsync(TransferId, request.AmountMinor, request.Currency, request.FromAccountId, S.CreatedAt));
                await MoveToAsync(credit.Succeeded ? TransferStatus.Completed : TransferStatus.Compensating, credit.Succeeded ? null : credit.Outcome);
            }

            if (S.Status == TransferStatus.Compensating)
            {
                var reversal = EnsureNotExpired(await from.ReverseDebitAsync(TransferId, request.ToAccountId, S.CreatedAt));
                if (!reversal.Succeeded)
                {
                    throw new InvalidOperationException(
                        $"Transfer '{TransferId}' could not return its debit ({reversal.Outcome}); it stays Compensating and is retried.");
                }

                await MoveToAsync(TransferStatus.Compensated, S.FailureReason);
            }

            if (Result().IsFinal)
            {
                await UnregisterResumeAsync();
            }

            return Result();
        }
        catch
        {
            // A crash stand-in: forget the in-memory state; the next call or reminder tick resumes from what is stored.
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task MoveToAsync(TransferStatus status, AccountOutcome? failure = null)
    {
        S.Status = status;
        S.FailureReason = failure ?? S.FailureReason;
        if (status is TransferStatus.Completed or TransferStatus.Failed or TransferStatus.Compensated)
        {
            S.CompletedAt = time.GetUtcNow();
        }

        await state.WriteStateAsync();
        if (S.CompletedAt is { } completedAt && status is TransferStatus.Completed or TransferStatus.Failed or TransferStatus.Compensated)
        {
            metrics.TransferFinished(S.Request!, status, S.FailureReason, completedAt - S.CreatedAt);
        }

        if (_hook is not null)
        {
            await _hook.OnPersistedAsync(TransferId, status);
        }
    }

    /// <summary>
    /// An expired step's fate is unknown (it may have been applied and forgotten), so neither failing nor compensating is
    /// safe: the transfer stays where it is, retried by its reminder, until an operator settles it.
    /// </summary>
    private AccountResult EnsureNotExpired(AccountResult step) => step.Outcome == AccountOutcome.Expired
        ? throw new InvalidOperationException(
            $"Transfer '{TransferId}' is older than the accounts' operation retention ({options.Value.OperationRetention.TotalDays:0.#} days) and stays {S.Status}: " +
            "an account can no longer tell whether this step was applied. Settle it by hand from both statements.")
        : step;

    private async Task UnregisterResumeAsync()
    {
        var reminder = await this.GetReminder(ResumeReminder);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private TransferResult Result() => new(TransferId, S.Status, S.Request, S.FailureReason, S.CompletedAt);
}
