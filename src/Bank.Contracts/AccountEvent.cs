namespace Bank.Contracts;

/// <summary>A change to an account, published (best effort) after it is durable; the live feed carries these.</summary>
public sealed record AccountEvent(
    string AccountId,
    string Kind,
    long AmountMinor,
    long BalanceMinor,
    long Version,
    string OperationId,
    DateTimeOffset At);
