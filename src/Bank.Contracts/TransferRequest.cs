namespace Bank.Contracts;

/// <summary>Move <see cref="AmountMinor"/> (minor units of <see cref="Currency"/>) from one account to another.</summary>
[GenerateSerializer, Alias("bank.TransferRequest")]
public sealed record TransferRequest(
    [property: Id(0)] string FromAccountId,
    [property: Id(1)] string ToAccountId,
    [property: Id(2)] long AmountMinor,
    [property: Id(3)] string Currency);
