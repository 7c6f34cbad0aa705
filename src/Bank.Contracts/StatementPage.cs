namespace Bank.Contracts;

/// <summary>A page of entries, newest first, at the account's <see cref="Version"/>.</summary>
[GenerateSerializer, Alias("bank.StatementPage")]
public sealed record StatementPage(
    [property: Id(0)] string AccountId,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] long TotalEntries,
    [property: Id(4)] long Version,
    [property: Id(5)] IReadOnlyList<AccountEntry> Entries);
