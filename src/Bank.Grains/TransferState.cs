using Bank.Contracts;

namespace Bank.Grains;

/// <summary>
/// A transfer as stored: the request it was created for and the last step that is durable. Stored as JSON; the
/// serializer attributes also make it a known type to Orleans, whose JSON binder refuses unknown ones.
/// </summary>
[GenerateSerializer, Alias("bank.TransferState")]
internal sealed class TransferState
{
    [Id(0)]
    public TransferStatus Status { get; set; }

    [Id(1)]
    public TransferRequest? Request { get; set; }

    [Id(2)]
    public AccountOutcome? FailureReason { get; set; }

    [Id(3)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(4)]
    public DateTimeOffset? CompletedAt { get; set; }
}
