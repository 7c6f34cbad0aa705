using System.Net;
using Polly;
using Polly.Timeout;

namespace ServiceDefaults.Resilience;

/// <summary>What counts as a transient failure, for both retry and circuit breaker.</summary>
internal static class HttpTransientOutcome
{
    private static readonly HashSet<HttpMethod> IdempotentMethods =
    [
        HttpMethod.Get, HttpMethod.Head, HttpMethod.Options, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Trace,
    ];

    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>
    /// 5xx, 408 and 429 responses; connection failures (<see cref="HttpRequestException"/>); and
    /// attempts cut off by the attempt timeout. A caller's own cancellation is not transient.
    /// </summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    public static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    /// <summary>
    /// A request may be sent again only if doing so twice has the effect of doing it once:
    /// an idempotent method, or a key the server uses to apply the request only once.
    /// </summary>
    public static bool MayRetry(HttpRequestMessage request) =>
        IdempotentMethods.Contains(request.Method) || request.Headers.Contains(IdempotencyKeyHeader);
}
