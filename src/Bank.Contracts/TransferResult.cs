namespace Bank.Contracts;

/// <summary>A transfer's state: its request, status, and why it failed when it did.</summary>
[GenerateSerializer, Alias("bank.TransferResult")]
public sealed record TransferResult(
    [property: Id(0)] string TransferId,
    [property: Id(1)] TransferStatus Status,
    [property: Id(2)] TransferRequest? Request,
    [property: Id(3)] AccountOutcome? FailureReason,
    [property: Id(4)] DateTimeOffset? CompletedAt)
{
    /// <summary>True once the transfer can change no more.</summary>
    public bool IsFinal => Status is TransferStatus.Completed or TransferStatus.Failed or TransferStatus.Compensated or TransferStatus.KeyReused;
}
