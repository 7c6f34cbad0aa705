namespace Bank.Contracts;

/// <summary>
/// One transfer, keyed by the caller's idempotency key. It persists each step before taking it
/// (Pending → Debited → Completed, or Failed, or Compensating → Compensated) and a reminder resumes it after a crash.
/// </summary>
[Alias("bank.ITransferGrain")]
public interface ITransferGrain : IGrainWithStringKey
{
    /// <summary>Runs the transfer, or returns its first outcome when the key was used before (a different request is <see cref="TransferStatus.KeyReused"/>).</summary>
    Task<TransferResult> ExecuteAsync(TransferRequest transfer);

    /// <summary>The transfer's current state, <see cref="TransferStatus.None"/> when the key is unknown.</summary>
    Task<TransferResult> GetAsync();
}
