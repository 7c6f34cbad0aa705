namespace Bank.Contracts;

/// <summary>
/// One transfer, keyed by the caller's idempotency key. It debits the source, credits the destination and records its
/// own outcome in one Orleans transaction: all three change, or none does.
/// </summary>
[Alias("bank.ITransferGrain")]
public interface ITransferGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs the transfer, or returns its first outcome when the key was used before (a different request is
    /// <see cref="TransferStatus.KeyReused"/>). An exception leaves the outcome unknown: call again with the same request.
    /// </summary>
    Task<TransferResult> ExecuteAsync(TransferRequest transfer);

    /// <summary>The transfer's outcome, <see cref="TransferStatus.None"/> when the key is unknown.</summary>
    Task<TransferResult> GetAsync();
}
