using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Transactions;
using StackExchange.Redis;

namespace Platform.AspNetCore.Problems;

/// <summary>
/// Turns "the cluster or its database is not answering right now" into 503 with Retry-After, so clients retry (every
/// operation of the platform's APIs is idempotent by its key); anything else is left to the next handler.
/// </summary>
public sealed partial class BackendExceptionHandler(IProblemDetailsService problems, IOptions<BackendProblemOptions> options, ILogger<BackendExceptionHandler> logger)
    : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        // Orleans cancels a call it could not place or deliver in time; the caller itself going away is not the backend's fault.
        var timedOut = exception is OperationCanceledException && !httpContext.RequestAborted.IsCancellationRequested;
        if (!timedOut && !IsTransient(exception, options.Value.TransientExceptions))
        {
            return false;
        }

        LogUnavailable(logger, exception.GetType().Name);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = options.Value.Title,
                Detail = options.Value.Detail,
            },
        });
    }

    /// <summary>
    /// A call that timed out, a silo that went away or was declared dead, a gateway that refused the connection, storage
    /// that failed or saw a concurrent write (a second activation during failover), a transaction that aborted or is in
    /// doubt, PostgreSQL or Redis unreachable: all leave the request's outcome unknown but retryable.
    /// </summary>
    public static bool IsTransient(Exception exception) => IsTransient(exception, []);

    /// <summary>
    /// As <see cref="IsTransient(Exception)"/>, and also when an exception of one of <paramref name="alsoTransient"/>'s
    /// types (or a type derived from one) is anywhere among the causes.
    /// </summary>
    /// <param name="exception">What the call threw.</param>
    /// <param name="alsoTransient">The application's own outage exceptions (<see cref="BackendProblemOptions.TransientExceptions"/>).</param>
    public static bool IsTransient(Exception exception, IEnumerable<Type> alsoTransient) => exception switch
    {
        null => false,
        _ when alsoTransient.Any(t => t.IsInstanceOfType(exception)) => true,
        // Orleans transactions: an abort for contention or a lost message changed nothing, an in-doubt one may have
        // committed; either way the same key gets the outcome. A transaction misused by code is a bug, not an outage.
        OrleansTransactionsDisabledException or OrleansReadOnlyViolatedException or OrleansOrphanCallException => false,
        OrleansTransactionAbortedException { InnerException: { } cause } when cause is not OrleansTransactionException => IsTransient(cause, alsoTransient),
        OrleansTransactionException => true,
        TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException
            or GatewayTooBusyException or InconsistentStateException or NpgsqlException or RedisConnectionException => true,
        // A driver exception whose type could not be rebuilt on this side.
        UnavailableExceptionFallbackException f => f.ExceptionType?.StartsWith("Npgsql.", StringComparison.Ordinal) == true
            || f.ExceptionType?.StartsWith("StackExchange.Redis.", StringComparison.Ordinal) == true,
        AggregateException a => a.InnerExceptions.Any(e => IsTransient(e, alsoTransient)),
        { InnerException: { } inner } => IsTransient(inner, alsoTransient),
        _ => false,
    };

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "The backend is unavailable ({Error}); answered 503.")]
    private static partial void LogUnavailable(ILogger logger, string error);
}

/// <summary>What a 503 from <see cref="BackendExceptionHandler"/> tells the caller.</summary>
public sealed class BackendProblemOptions
{
    /// <summary>The problem's title.</summary>
    public string Title { get; set; } = "The service is temporarily unavailable.";

    /// <summary>The problem's detail: what is unknown, and how to retry safely.</summary>
    public string Detail { get; set; } = "The backend could not be reached; retry after the delay.";

    /// <summary>
    /// The application's own exceptions that mean the backend is unavailable and the request retryable, such as one its
    /// grains throw in place of a storage driver's (which cannot cross the wire). Matched anywhere among the causes, and
    /// by derived types too. Orleans', Npgsql's and StackExchange.Redis' outage exceptions need no entry.
    /// </summary>
    public ICollection<Type> TransientExceptions { get; } = [];
}
