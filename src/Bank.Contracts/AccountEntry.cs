namespace Bank.Contracts;

/// <summary>One line of an account's history.</summary>
[GenerateSerializer, Alias("bank.AccountEntry")]
public sealed record AccountEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Kind,
    [property: Id(2)] long AmountMinor,
    [property: Id(3)] long BalanceAfterMinor,
    [property: Id(4)] string OperationId,
    [property: Id(5)] string? Counterparty,
    [property: Id(6)] DateTimeOffset At);
