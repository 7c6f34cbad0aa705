using System.Collections.Concurrent;
using System.Net;

namespace ServiceDefaults.Tests.Infrastructure;

/// <summary>The innermost handler of a client: answers every request with one status and records where it was sent.</summary>
public sealed class StubHandler(HttpStatusCode status) : HttpMessageHandler
{
    private readonly ConcurrentQueue<Uri> _requests = new();

    public IReadOnlyCollection<Uri> Requests => _requests;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request.RequestUri!);
        return Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request });
    }
}
