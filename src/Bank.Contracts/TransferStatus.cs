namespace Bank.Contracts;

/// <summary>Where a transfer is. Every status is written to storage before the step that follows it is taken.</summary>
[GenerateSerializer, Alias("bank.TransferStatus")]
public enum TransferStatus
{
    /// <summary>The idempotency key is unknown.</summary>
    None = 0,

    /// <summary>Accepted; the source has not (durably) been debited.</summary>
    Pending = 1,

    /// <summary>The source was debited; the destination has not (durably) been credited.</summary>
    Debited = 2,

    /// <summary>Both sides applied. Terminal.</summary>
    Completed = 3,

    /// <summary>The source refused the debit; no money moved. Terminal.</summary>
    Failed = 4,

    /// <summary>The destination refused the credit; the debit is being returned.</summary>
    Compensating = 5,

    /// <summary>The debit was returned to the source. Terminal.</summary>
    Compensated = 6,

    /// <summary>The key was used before for a different request; nothing was done.</summary>
    KeyReused = 7,
}
