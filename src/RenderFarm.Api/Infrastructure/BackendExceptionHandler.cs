using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace RenderFarm.Api.Infrastructure;

/// <summary>The cluster or its database not answering right now is a 503 with Retry-After; every farm call may be retried.</summary>
internal sealed partial class BackendExceptionHandler(IProblemDetailsService problems, ILogger<BackendExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
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
                Title = "The render farm is temporarily unavailable.",
                Detail = "The farm's silos could not be reached. Retry after the delay: submitting the same job id again is harmless.",
            },
        });
    }

    internal static bool IsTransient(Exception e) => e switch
    {
        TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException
            or GatewayTooBusyException or InconsistentStateException or NpgsqlException => true,
        AggregateException a => a.InnerExceptions.Any(IsTransient),
        _ => e.InnerException is not null && IsTransient(e.InnerException),
    };

    [LoggerMessage(EventId = 9201, Level = LogLevel.Warning, Message = "The farm's backend is unavailable ({Error}); answered 503.")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
