namespace Bank.Contracts;

/// <summary>An account at one version. <see cref="Version"/> grows by one with every change, so caches can order snapshots.</summary>
[GenerateSerializer, Alias("bank.AccountSnapshot")]
public sealed record AccountSnapshot(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string OwnerId,
    [property: Id(2)] string Currency,
    [property: Id(3)] long BalanceMinor,
    [property: Id(4)] long Version,
    [property: Id(5)] long SingleOperationLimitMinor,
    [property: Id(6)] DateTimeOffset OpenedAt);
