using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace ServiceDefaults.Resilience;

/// <summary>
/// One resilience pipeline per client name, built on first use and kept for the life of the app:
/// the factory recreates message handlers every few minutes, and the circuit breaker's state must
/// outlive them.
/// </summary>
internal sealed class HttpResiliencePipelines(IServiceProvider services)
{
    /// <summary>Whether the request may be sent twice; the retry predicate sees only the context, not the request.</summary>
    internal static readonly ResiliencePropertyKey<bool> MayRetryKey = new("ServiceDefaults.MayRetry");

    /// <summary>Set when the total timeout fired, to tell it apart from an attempt timeout.</summary>
    internal static readonly ResiliencePropertyKey<bool> TotalTimeoutKey = new("ServiceDefaults.TotalTimeout");

    private readonly ConcurrentDictionary<string, Lazy<HttpClientResilience>> _pipelines = new(StringComparer.Ordinal);

    public HttpClientResilience Get(string clientName) =>
        _pipelines.GetOrAdd(clientName, name => new Lazy<HttpClientResilience>(() => Build(name))).Value;

    private HttpClientResilience Build(string clientName)
    {
        var options = services.GetRequiredService<IOptionsMonitor<HttpClientResilienceOptions>>().Get(clientName);
        if (!options.Enabled)
        {
            return new HttpClientResilience(clientName, options, Pipeline: null);
        }

        Validate(clientName, options);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ServiceDefaults.Resilience");
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>
        {
            Name = clientName,
            TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System,
        };

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "TotalRequestTimeout",
            Timeout = options.TotalRequestTimeout,
            OnTimeout = static args =>
            {
                args.Context.Properties.Set(TotalTimeoutKey, true);
                return default;
            },
        });

        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(CreateRetry(clientName, options, builder.TimeProvider, logger));
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = options.CircuitBreakerFailureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = options.CircuitBreakerSamplingDuration,
            BreakDuration = options.CircuitBreakerBreakDuration,
            ShouldHandle = static args => ValueTask.FromResult(HttpTransientOutcome.IsTransient(args.Outcome)),
            OnOpened = args =>
            {
                ResilienceLog.CircuitOpened(logger, clientName, Describe(args.Outcome), args.BreakDuration.TotalMilliseconds);
                return default;
            },
            OnClosed = _ =>
            {
                ResilienceLog.CircuitClosed(logger, clientName);
                return default;
            },
        });

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "AttemptTimeout", Timeout = options.AttemptTimeout });

        try
        {
            return new HttpClientResilience(clientName, options, builder.Build());
        }
        catch (ValidationException e)
        {
            throw new InvalidOperationException(
                $"HttpClient '{clientName}' has invalid resilience options: {e.Message} Fix configuration section '{HttpClientResilienceOptionsSetup.SectionName}:{clientName}' or the code that configures them.",
                e);
        }
    }

    private static RetryStrategyOptions<HttpResponseMessage> CreateRetry(
        string clientName, HttpClientResilienceOptions options, TimeProvider time, ILogger logger) => new()
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = options.RetryUseJitter,
            Delay = options.RetryDelay,
            ShouldHandle = static args => ValueTask.FromResult(
                args.Context.Properties.GetValue(MayRetryKey, false) && HttpTransientOutcome.IsTransient(args.Outcome)),
            DelayGenerator = options.RetryHonorsRetryAfter
                ? args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time))
                : null,
            OnRetry = args =>
            {
                var request = args.Outcome.Result?.RequestMessage;
                ResilienceLog.Retrying(
                    logger, clientName, args.AttemptNumber + 1, request?.Method.Method ?? "request",
                    request?.RequestUri?.AbsolutePath, Describe(args.Outcome), args.RetryDelay.TotalMilliseconds);
                return default;
            },
        };

    /// <summary>The server's own estimate of when to come back, as a delay; <see langword="null"/> keeps the backoff.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        var retryAfter = response?.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta > TimeSpan.Zero ? delta : TimeSpan.Zero;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static void Validate(string clientName, HttpClientResilienceOptions options)
    {
        if (options.AttemptTimeout >= options.TotalRequestTimeout)
        {
            throw new InvalidOperationException(
                $"HttpClient '{clientName}' has an attempt timeout ({options.AttemptTimeout}) that is not less than its total request timeout ({options.TotalRequestTimeout}), so it could never retry. Lower '{HttpClientResilienceOptionsSetup.SectionName}:{clientName}:AttemptTimeout' or raise 'TotalRequestTimeout'.");
        }

        if (options.MaxRetryAttempts < 0)
        {
            throw new InvalidOperationException(
                $"HttpClient '{clientName}' has MaxRetryAttempts {options.MaxRetryAttempts}; it must be 0 (no retry) or more.");
        }
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } e ? e.GetType().Name : $"HTTP {(int)outcome.Result!.StatusCode}";
}
