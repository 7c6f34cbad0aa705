using System.Collections.Concurrent;

namespace ServiceDefaults.Tests.Infrastructure;

/// <summary>
/// Added to a client after the defaults, so it sits inside resilience and discovery and sees each
/// attempt with the address discovery chose. It observes; the request still goes over the wire.
/// </summary>
public sealed class AttemptRecorder : DelegatingHandler
{
    private readonly ConcurrentQueue<Uri> _attempts = new();

    public IReadOnlyList<Uri> Attempts => [.. _attempts];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _attempts.Enqueue(request.RequestUri!);
        return base.SendAsync(request, cancellationToken);
    }
}
