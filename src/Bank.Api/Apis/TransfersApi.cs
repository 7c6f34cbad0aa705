using System.Security.Claims;
using Bank.Api.Extensions;
using Bank.Api.Infrastructure;
using Bank.Api.Security;
using Bank.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Bank.Api.Apis;

internal static partial class TransfersApi
{
    public static IEndpointRouteBuilder MapTransfersApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/transfers").WithTags("Transfers")
            .MapPost("/", TransferAsync).RequireAuthorization(Policies.Move);
        return app;
    }

    /// <summary>Moves money once per (caller, Idempotency-Key): a repeat returns the first result, a different body under the same key is 422.</summary>
    public static async Task<Results<Ok<TransferResponse>, ValidationProblem, ProblemHttpResult>> TransferAsync(
        TransferBody body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user,
        AccountReader reader, IGrainFactory grains, IOptions<BankApiOptions> options, ILogger<Program> logger)
    {
        if (!IdempotencyKeys.IsValid(idempotencyKey))
        {
            return Problems.Invalid("Idempotency-Key", IdempotencyKeys.Rule);
        }

        if (Money.TryParse(body.Amount, out var amount) is { } amountError)
        {
            return Problems.Invalid("amount", amountError);
        }

        if (string.IsNullOrEmpty(body.From) || string.IsNullOrEmpty(body.To))
        {
            return Problems.Invalid(string.IsNullOrEmpty(body.From) ? "from" : "to", "Both account numbers are required.");
        }

        if (body.From == body.To)
        {
            return Problems.Invalid("to", "The destination must differ from the source account.");
        }

        // An unknown code is bad input (400); a known one other than the account's is a mismatch (422, below).
        if (body.Currency is not null && !Currencies.TryGetMinorDigits(body.Currency, out _))
        {
            return Problems.Invalid("currency", "The currency must be one of " + string.Join(", ", Currencies.Codes) + ".");
        }

        var caller = Caller.From(user);
        var from = AccountNumbers.IsWellFormed(body.From) ? await reader.GetAsync(body.From) : null;
        if (from is null || !caller.CanRead(from))
        {
            return Problems.NotFound("from");
        }

        if (!caller.CanMove(from))
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "from", "Forbidden.", "You may not move money from this account.");
        }

        // The destination only has to exist: anyone may pay into any account.
        var to = AccountNumbers.IsWellFormed(body.To) ? await reader.GetAsync(body.To) : null;
        if (to is null)
        {
            return Problems.NotFound("to");
        }

        var currency = body.Currency ?? from.Currency;
        if (currency != from.Currency)
        {
            return Problems.CurrencyMismatch("currency", from.Currency);
        }

        if (to.Currency != from.Currency)
        {
            return Problems.CurrencyMismatch("to", from.Currency);
        }

        if (Money.TryToMinor(amount, currency, out var minor) is { } digitsError)
        {
            return Problems.Invalid("amount", digitsError);
        }

        if (RoleLimits.Exceeded(options.Value, caller, amount))
        {
            return Problems.LimitExceeded("amount");
        }

        var request = new TransferRequest(from.AccountId, to.AccountId, minor, currency);
        // Keys are per caller: two callers choosing the same key never share a transfer.
        var result = await grains.GetGrain<ITransferGrain>(caller.Id + ":" + idempotencyKey).ExecuteAsync(request);
        LogTransfer(logger, from.AccountId, to.AccountId, result.Status);
        return result.Status switch
        {
            TransferStatus.Completed => TypedResults.Ok(new TransferResponse(
                result.TransferId, "completed", from.AccountId, to.AccountId, Money.Format(minor, currency), currency, result.CompletedAt)),
            TransferStatus.KeyReused => Problems.Status(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key", "Idempotency key reused.",
                "This Idempotency-Key was used for a different transfer; use a new key for a new transfer."),
            TransferStatus.Failed => result.FailureReason switch
            {
                AccountOutcome.InsufficientFunds => Problems.InsufficientFunds("amount"),
                AccountOutcome.NotFound => Problems.NotFound("from"),
                AccountOutcome.CurrencyMismatch => Problems.CurrencyMismatch("currency", from.Currency),
                _ => Problems.LimitExceeded("amount"),
            },
            TransferStatus.Compensated => Problems.Status(StatusCodes.Status422UnprocessableEntity, "to", "The destination refused the transfer.",
                "The destination account refused the credit; the amount was returned to the source."),
            _ => Problems.Unavailable("The transfer is in progress; retry with the same Idempotency-Key to get its outcome."),
        };
    }

    private static void LogTransfer(ILogger logger, string from, string to, TransferStatus status)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var maskedFrom = AccountNumbers.Mask(from);
            var maskedTo = AccountNumbers.Mask(to);
            LogTransferMasked(logger, maskedFrom, maskedTo, status);
        }
    }

    // Account numbers are masked: logs show the last four digits only.
    [LoggerMessage(EventId = 7601, Level = LogLevel.Information, Message = "Transfer from {From} to {To}: {Status}.")]
    private static partial void LogTransferMasked(ILogger logger, string from, string to, TransferStatus status);
}
