using Bank.Contracts;

namespace Bank.Grains;

/// <summary>A transfer as stored: the request it was created for and the last step that is durable.</summary>
internal sealed class TransferState
{
    public TransferStatus Status { get; set; }

    public TransferRequest? Request { get; set; }

    public AccountOutcome? FailureReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
