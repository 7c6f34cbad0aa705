using System.Globalization;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ServiceDefaults.Resilience;

/// <summary>
/// Runs each request through its client's resilience pipeline, sending a fresh copy of the
/// request per attempt, and turns the pipeline's rejections into errors that name the client,
/// the request and the setting involved.
/// </summary>
internal sealed class ResilienceHandler(HttpClientResilience resilience) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (resilience.Pipeline is not { } pipeline)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var template = await RequestTemplate.CaptureAsync(request, cancellationToken);
        var context = CreateContext(request, cancellationToken);
        try
        {
            return await pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendAttemptAsync(state.Template, ctx.CancellationToken)),
                context,
                (Handler: this, Template: template));
        }
        catch (Exception e) when (Explain(e, request, context) is { } explained)
        {
            throw explained;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (resilience.Pipeline is not { } pipeline)
        {
            return base.Send(request, cancellationToken);
        }

        var template = RequestTemplate.Capture(request, cancellationToken);
        var context = CreateContext(request, cancellationToken);
        try
        {
            return pipeline.Execute(
                static (ctx, state) => state.Handler.SendAttempt(state.Template, ctx.CancellationToken),
                context,
                (Handler: this, Template: template));
        }
        catch (Exception e) when (Explain(e, request, context) is { } explained)
        {
            throw explained;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static ResilienceContext CreateContext(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(HttpResiliencePipelines.MayRetryKey, HttpTransientOutcome.MayRetry(request));
        return context;
    }

    /// <summary>The pipeline's rejections, rewritten to say which client, request and setting; <see langword="null"/> for anything else.</summary>
    private Exception? Explain(Exception exception, HttpRequestMessage request, ResilienceContext context)
    {
        switch (exception)
        {
            case TimeoutRejectedException timeout:
                var total = context.Properties.GetValue(HttpResiliencePipelines.TotalTimeoutKey, false);
                return new TimeoutRejectedException(TimeoutMessage(request, total, timeout.Timeout), timeout.Timeout, timeout);
            case BrokenCircuitException broken:
                var message = CircuitMessage(request);
                return broken.RetryAfter is { } retryAfter
                    ? new BrokenCircuitException(message, retryAfter, broken)
                    : new BrokenCircuitException(message, broken);
            default:
                return null;
        }
    }

    private HttpResponseMessage SendAttempt(RequestTemplate template, CancellationToken cancellationToken) =>
        base.Send(template.CreateAttempt(), cancellationToken);

    private Task<HttpResponseMessage> SendAttemptAsync(RequestTemplate template, CancellationToken cancellationToken) =>
        base.SendAsync(template.CreateAttempt(), cancellationToken);

    private string TimeoutMessage(HttpRequestMessage request, bool total, TimeSpan timeout)
    {
        var name = resilience.ClientName;
        var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        return total
            ? $"HttpClient '{name}': {Describe(request)} did not complete within the total request timeout of {seconds} s, all attempts and retry delays included. If the service is expected to be this slow, raise '{HttpClientResilienceOptionsSetup.SectionName}:{name}:TotalRequestTimeout'; otherwise check the service."
            : $"HttpClient '{name}': {Describe(request)} timed out: its last attempt did not complete within the attempt timeout of {seconds} s. If the service is expected to be this slow, raise '{HttpClientResilienceOptionsSetup.SectionName}:{name}:AttemptTimeout'; otherwise check the service.";
    }

    private string CircuitMessage(HttpRequestMessage request)
    {
        var options = resilience.Options;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"HttpClient '{resilience.ClientName}': {Describe(request)} was not sent because the circuit breaker is open: at least {options.CircuitBreakerFailureRatio:P0} of the last {options.CircuitBreakerMinimumThroughput}+ attempts within {options.CircuitBreakerSamplingDuration.TotalSeconds} s failed. Calls fail fast for {options.CircuitBreakerBreakDuration.TotalSeconds} s, then one probe is let through. Check the health of the service behind it.");
    }

    // Path only: query strings can carry tokens.
    private static string Describe(HttpRequestMessage request) =>
        $"{request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Path)}";
}
