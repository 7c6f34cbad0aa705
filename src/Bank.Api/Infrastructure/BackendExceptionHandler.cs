using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Platform.Actors;
using Platform.Actors.Storage;
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
        if (!IsTransient(exception))
        {
            return false;
        }

        LogUnavailable(logger, exception.GetType().Name);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "2";
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

    private static bool IsTransient(Exception e) => e switch
    {
        GrainCallTimeoutException or GrainActivationException or SiloUnavailableException or TimeoutException or NpgsqlException or RedisConnectionException => true,
        GrainMethodException m => m.InnerException is null || IsTransient(m.InnerException) || m.CauseType?.Contains("PostgreSql", StringComparison.Ordinal) == true
            || m.InnerException is IOException or InconsistentStateException,
        _ => e.InnerException is not null && IsTransient(e.InnerException),
    };

    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "The backend is unavailable ({Error}); answered 503.")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
