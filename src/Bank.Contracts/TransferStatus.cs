namespace Bank.Contracts;

/// <summary>
/// Where a transfer is. A transfer's status changes in the same Orleans transaction as the balances it moves, so a
/// stored status always matches both accounts.
/// </summary>
[GenerateSerializer, Alias("bank.TransferStatus")]
public enum TransferStatus
{
    /// <summary>The idempotency key is unknown: no transfer ran under it.</summary>
    None = 0,

    /// <summary>Both accounts changed. Terminal.</summary>
    Completed = 3,

    /// <summary>The source refused the debit; no money moved. Terminal.</summary>
    Failed = 4,

    /// <summary>The destination refused the credit; no money moved. Terminal.</summary>
    Refused = 6,

    /// <summary>The key was used before for a different request; nothing was done.</summary>
    KeyReused = 7,
}
