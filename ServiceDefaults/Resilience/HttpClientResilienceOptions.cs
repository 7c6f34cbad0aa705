namespace ServiceDefaults;

/// <summary>
/// The standard resilience of one named <see cref="HttpClient"/>: total timeout → retry →
/// circuit breaker → attempt timeout, with the defaults of Microsoft's standard resilience handler.
/// Bound from configuration section <c>HttpClientResilience</c> (every client), then
/// <c>HttpClientResilience:{clientName}</c> (that client), then code
/// (<c>builder.Services.ConfigureHttpClientResilience(...)</c>). Read once, when the client's
/// pipeline is first built.
/// </summary>
public sealed class HttpClientResilienceOptions
{
    /// <summary>Whether the resilience handler runs at all for this client. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Upper bound on the whole request, all attempts and delays included. Default 30 s.</summary>
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Retries after the first attempt; 0 turns retry off. Only idempotent methods (GET, HEAD,
    /// OPTIONS, PUT, DELETE, TRACE) and requests with an <c>Idempotency-Key</c> header are retried.
    /// Default 3.
    /// </summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base delay of the exponential backoff (2 s, 4 s, 8 s, … before jitter). Default 2 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether the backoff is randomised so clients do not retry in lockstep. Default <see langword="true"/>.</summary>
    public bool RetryUseJitter { get; set; } = true;

    /// <summary>Whether a 429 or 503 response's <c>Retry-After</c> header sets the delay before the retry. Default <see langword="true"/>.</summary>
    public bool RetryHonorsRetryAfter { get; set; } = true;

    /// <summary>Share of failed attempts in the sampling window that opens the circuit. Default 0.1 (10 %).</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.1;

    /// <summary>Attempts the sampling window must hold before the ratio counts. Default 100; at least 2.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 100;

    /// <summary>Window over which the failure ratio is measured. Default 30 s.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit rejects calls before letting one probe through. Default 5 s; at least 0.5 s.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound on one attempt; must be less than <see cref="TotalRequestTimeout"/>. Default 10 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
