using Bank.Contracts;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Transactions;
using StackExchange.Redis;

namespace Bank.Api.Infrastructure;

/// <summary>
/// Turns "the cluster or its database is not answering right now" into 503 with Retry-After, so clients retry
/// (with the same Idempotency-Key); anything else stays a 500.
/// </summary>
internal sealed partial class BackendExceptionHandler(IProblemDetailsService problems, ILogger<BackendExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // Orleans cancels a call it could not place or deliver in time; the caller itself going away is not the backend's fault.
        var timedOut = exception is OperationCanceledException && !context.RequestAborted.IsCancellationRequested;
        if (!timedOut && !IsTransient(exception))
        {
            return false;
        }

        LogUnavailable(logger, exception.GetType().Name);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The bank is temporarily unavailable.",
                Detail = "The accounts could not be reached; the outcome of this request is unknown. Retry after the delay with the same Idempotency-Key.",
            },
        });
    }

    /// <summary>
    /// A call that timed out, a silo that went away or was declared dead, a gateway that refused the connection, storage
    /// that failed or saw a concurrent write (a second activation during failover), a transaction that aborted or is in
    /// doubt: all leave the request's outcome
    /// unknown but retryable, and every bank operation is idempotent by its key.
    /// </summary>
    internal static bool IsTransient(Exception e) => e switch
    {
        // Orleans transactions: an abort for contention or a lost message changed nothing, an in-doubt one may have
        // committed; either way the same key gets the outcome. A transaction misused by code is a bug, not an outage.
        OrleansTransactionsDisabledException or OrleansReadOnlyViolatedException or OrleansOrphanCallException => false,
        OrleansTransactionAbortedException { InnerException: { } cause } when cause is not OrleansTransactionException => IsTransient(cause),
        OrleansTransactionException => true,
        BankUnavailableException or TimeoutException or SiloUnavailableException or OrleansMessageRejectionException
            or ConnectionFailedException or GatewayTooBusyException or InconsistentStateException
            or NpgsqlException or RedisConnectionException => true,
        // A driver exception whose type could not be rebuilt on this side.
        UnavailableExceptionFallbackException f => f.ExceptionType?.StartsWith("Npgsql.", StringComparison.Ordinal) == true
            || f.ExceptionType?.StartsWith("StackExchange.Redis.", StringComparison.Ordinal) == true,
        AggregateException a => a.InnerExceptions.Any(IsTransient),
        _ => e.InnerException is not null && IsTransient(e.InnerException),
    };

    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "The backend is unavailable ({Error}); answered 503.")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
