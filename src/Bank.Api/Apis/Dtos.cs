using System.Text.Json;
using Bank.Contracts;

namespace Bank.Api.Apis;

public sealed record OpenAccountRequest(string? Currency);

public sealed record MoneyRequest(JsonElement? Amount, string? Currency);

public sealed record TransferBody(string? From, string? To, JsonElement? Amount, string? Currency);

public sealed record AccountResponse(string Id, string OwnerId, string Currency, string Balance, long Version)
{
    internal static AccountResponse From(AccountSnapshot a) => new(a.AccountId, a.OwnerId, a.Currency, Money.Format(a.BalanceMinor, a.Currency), a.Version);
}

public sealed record EntryResponse(long Sequence, string Kind, string Amount, string BalanceAfter, string? Counterparty, string Reference, DateTimeOffset At);

public sealed record StatementResponse(string AccountId, int Page, int PageSize, long TotalEntries, IReadOnlyList<EntryResponse> Entries);

public sealed record TransferResponse(string TransferId, string Status, string From, string To, string Amount, string Currency, DateTimeOffset? CompletedAt);
