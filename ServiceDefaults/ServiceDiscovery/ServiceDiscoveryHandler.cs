namespace ServiceDefaults.ServiceDiscovery;

/// <summary>
/// Rewrites requests to logical service addresses (<c>http://api</c>) to a configured replica.
/// It sits inside the resilience handler, so each retry attempt is resolved afresh and a retry
/// after a dead replica goes to the next one.
/// </summary>
internal sealed class ServiceDiscoveryHandler(ServiceEndpointResolver resolver) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Rewrite(request);
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Rewrite(request);
        return base.Send(request, cancellationToken);
    }

    private void Rewrite(HttpRequestMessage request)
    {
        if (request.RequestUri is { } uri && ServiceEndpointResolver.IsLogicalAddress(uri))
        {
            request.RequestUri = resolver.Resolve(uri);
        }
    }
}
