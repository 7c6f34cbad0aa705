using System.Net.ServerSentEvents;
using System.Security.Claims;
using Bank.Api.Extensions;
using Bank.Api.Infrastructure;
using Bank.Api.Security;
using Bank.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Bank.Api.Apis;

internal static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/accounts").WithTags("Accounts");
        api.MapPost("/", OpenAccountAsync).RequireAuthorization(Policies.Open);
        api.MapGet("/", ListAccountsAsync).RequireAuthorization(Policies.Read);
        api.MapGet("/{id}", GetAccountAsync).RequireAuthorization(Policies.Read);
        api.MapGet("/{id}/statement", GetStatementAsync).RequireAuthorization(Policies.Read);
        api.MapGet("/{id}/events", WatchAccountAsync).RequireAuthorization(Policies.Read);
        api.MapPost("/{id}/deposits", DepositAsync).RequireAuthorization(Policies.Move);
        api.MapPost("/{id}/withdrawals", WithdrawAsync).RequireAuthorization(Policies.Move);
        return app;
    }

    public static async Task<Results<Created<AccountResponse>, ValidationProblem, ProblemHttpResult>> OpenAccountAsync(
        OpenAccountRequest body, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!Currencies.TryGetMinorDigits(body.Currency, out _))
        {
            return Problems.Invalid("currency", "The currency must be one of " + string.Join(", ", Currencies.Codes) + ".");
        }

        var caller = Caller.From(user);
        var id = AccountNumbers.New();
        // The index first: an account that exists is always listed (an index entry whose open failed is skipped).
        await grains.GetGrain<ICustomerGrain>(caller.Id).AddAccountAsync(id);
        var opened = await grains.GetGrain<IAccountGrain>(id).OpenAsync(caller.Id, body.Currency!);
        return TypedResults.Created($"/accounts/{id}", AccountResponse.From(opened.Account!));
    }

    public static async Task<Results<Ok<AccountResponse[]>, ValidationProblem>> ListAccountsAsync(
        [FromQuery] string? ownerId, ClaimsPrincipal user, IGrainFactory grains, AccountReader reader)
    {
        var caller = Caller.From(user);
        if (caller.Role == Roles.Customer && ownerId is not null && ownerId != caller.Id)
        {
            return Problems.Invalid("ownerId", "Customers list only their own accounts; leave ownerId out.");
        }

        if (caller.Role != Roles.Customer && string.IsNullOrEmpty(ownerId))
        {
            return Problems.Invalid("ownerId", "Staff must name the owner whose accounts to list.");
        }

        var ids = await grains.GetGrain<ICustomerGrain>(ownerId ?? caller.Id).GetAccountsAsync();
        var accounts = await Task.WhenAll(ids.Select(reader.GetAsync));
        return TypedResults.Ok(accounts.OfType<AccountSnapshot>().Select(AccountResponse.From).ToArray());
    }

    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> GetAccountAsync(string id, ClaimsPrincipal user, AccountReader reader)
    {
        var account = await FindAsync(id, reader);
        return account is not null && Caller.From(user).CanRead(account) ? TypedResults.Ok(AccountResponse.From(account)) : Problems.NotFound("id");
    }

    public static async Task<Results<Ok<StatementResponse>, ValidationProblem, ProblemHttpResult>> GetStatementAsync(
        string id, ClaimsPrincipal user, AccountReader reader, [FromQuery] int? page, [FromQuery] int? pageSize)
    {
        if (page is < 1)
        {
            return Problems.Invalid("page", "The page starts at 1.");
        }

        if (pageSize is < 1 or > 100)
        {
            return Problems.Invalid("pageSize", "The page size is between 1 and 100.");
        }

        var account = await FindAsync(id, reader);
        if (account is null || !Caller.From(user).CanRead(account))
        {
            return Problems.NotFound("id");
        }

        var statement = await reader.GetStatementAsync(account, page ?? 1, pageSize ?? 20);
        var entries = statement.Entries.Select(e => new EntryResponse(
            e.Sequence, e.Kind, Money.Format(e.AmountMinor, account.Currency), Money.Format(e.BalanceAfterMinor, account.Currency),
            e.Counterparty is null ? null : AccountNumbers.Mask(e.Counterparty), Reference(e.OperationId), e.At)).ToList();
        return TypedResults.Ok(new StatementResponse(account.AccountId, statement.Page, statement.PageSize, statement.TotalEntries, entries));
    }

    public static async Task<Results<ServerSentEventsResult<AccountEvent>, ProblemHttpResult>> WatchAccountAsync(
        string id, ClaimsPrincipal user, AccountReader reader, AccountFeed feed, CancellationToken cancellationToken)
    {
        var account = await FindAsync(id, reader);
        if (account is null || !Caller.From(user).CanRead(account))
        {
            return Problems.NotFound("id");
        }

        if (!feed.IsAvailable)
        {
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "id", "The live feed is not configured.", "Redis is not configured for this API.");
        }

        var events = feed.WatchAsync(account, cancellationToken).Select(e => new SseItem<AccountEvent>(e, e.Kind) { EventId = e.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return TypedResults.ServerSentEvents(events);
    }

    public static Task<Results<Ok<AccountResponse>, ValidationProblem, ProblemHttpResult>> DepositAsync(
        string id, MoneyRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user,
        AccountReader reader, IGrainFactory grains, IOptions<BankApiOptions> options) =>
        MoveAsync(id, body, idempotencyKey, user, reader, options, (grain, op, minor, currency) => grain.DepositAsync(op, minor, currency), grains);

    public static Task<Results<Ok<AccountResponse>, ValidationProblem, ProblemHttpResult>> WithdrawAsync(
        string id, MoneyRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user,
        AccountReader reader, IGrainFactory grains, IOptions<BankApiOptions> options) =>
        MoveAsync(id, body, idempotencyKey, user, reader, options, (grain, op, minor, currency) => grain.WithdrawAsync(op, minor, currency), grains);

    private static async Task<Results<Ok<AccountResponse>, ValidationProblem, ProblemHttpResult>> MoveAsync(
        string id, MoneyRequest body, string? idempotencyKey, ClaimsPrincipal user, AccountReader reader, IOptions<BankApiOptions> options,
        Func<IAccountGrain, string, long, string, Task<AccountResult>> operation, IGrainFactory grains)
    {
        if (Money.TryParse(body.Amount, out var amount) is { } amountError)
        {
            return Problems.Invalid("amount", amountError);
        }

        if (idempotencyKey is not null && !IdempotencyKeys.IsValid(idempotencyKey))
        {
            return Problems.Invalid("Idempotency-Key", IdempotencyKeys.Rule);
        }

        var caller = Caller.From(user);
        var account = await FindAsync(id, reader);
        if (account is null || !caller.CanRead(account))
        {
            return Problems.NotFound("id");
        }

        if (!caller.CanMove(account))
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "id", "Forbidden.", "You may not move money on this account.");
        }

        if (body.Currency is not null && body.Currency != account.Currency)
        {
            return Problems.CurrencyMismatch("currency", account.Currency);
        }

        if (Money.TryToMinor(amount, account.Currency, out var minor) is { } digitsError)
        {
            return Problems.Invalid("amount", digitsError);
        }

        if (RoleLimits.Exceeded(options.Value, caller, amount))
        {
            return Problems.LimitExceeded("amount");
        }

        // Without a key the operation is new each time; with one, a retry is applied once.
        var operationId = idempotencyKey is null ? Guid.NewGuid().ToString("N") : caller.Id + ":" + idempotencyKey;
        var result = await operation(grains.GetGrain<IAccountGrain>(id), operationId, minor, account.Currency);
        return result.Outcome switch
        {
            AccountOutcome.Applied or AccountOutcome.AlreadyApplied => TypedResults.Ok(AccountResponse.From(result.Account!)),
            AccountOutcome.InsufficientFunds => Problems.InsufficientFunds("amount"),
            AccountOutcome.CurrencyMismatch => Problems.CurrencyMismatch("currency", account.Currency),
            AccountOutcome.NotFound => Problems.NotFound("id"),
            AccountOutcome.KeyReused => Problems.Status(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key", "Idempotency key reused.",
                "This Idempotency-Key was used for a different amount; use a new key for a new operation."),
            _ => Problems.LimitExceeded("amount"),
        };
    }

    /// <summary>The caller's reference of an entry: the transfer id or operation id without the step prefix.</summary>
    private static string Reference(string operationId) => operationId[(operationId.IndexOf(':', StringComparison.Ordinal) + 1)..];

    private static Task<AccountSnapshot?> FindAsync(string id, AccountReader reader) =>
        AccountNumbers.IsWellFormed(id) ? reader.GetAsync(id) : Task.FromResult<AccountSnapshot?>(null);
}
