namespace ServiceDefaults.Resilience;

/// <summary>
/// A snapshot of a request from which each attempt gets a fresh copy: a sent request cannot be
/// sent again, and its content stream can be read only once, so the content is buffered up front.
/// </summary>
internal sealed class RequestTemplate
{
    private readonly HttpRequestMessage _original;
    private readonly byte[]? _body;

    private RequestTemplate(HttpRequestMessage original, byte[]? body)
    {
        _original = original;
        _body = body;
    }

    public static async Task<RequestTemplate> CaptureAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        return new RequestTemplate(request, body);
    }

    /// <summary>The synchronous counterpart of <see cref="CaptureAsync"/>, for <c>HttpClient.Send</c>.</summary>
    public static RequestTemplate Capture(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is null)
        {
            return new RequestTemplate(request, null);
        }

        using var buffer = new MemoryStream();
        request.Content.CopyTo(buffer, context: null, cancellationToken);
        return new RequestTemplate(request, buffer.ToArray());
    }

    /// <summary>A new request equal to the original, with the address the caller gave (not one a previous attempt resolved).</summary>
    public HttpRequestMessage CreateAttempt()
    {
        var attempt = new HttpRequestMessage(_original.Method, _original.RequestUri)
        {
            Version = _original.Version,
            VersionPolicy = _original.VersionPolicy,
        };

        foreach (var header in _original.Headers)
        {
            attempt.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        IDictionary<string, object?> options = attempt.Options;
        foreach (var option in _original.Options)
        {
            options[option.Key] = option.Value;
        }

        if (_body is not null)
        {
            attempt.Content = new ByteArrayContent(_body);
            foreach (var header in _original.Content!.Headers)
            {
                attempt.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return attempt;
    }
}
