using Polly;

namespace ServiceDefaults.Resilience;

/// <summary>A client's options and the pipeline built from them; <see cref="Pipeline"/> is <see langword="null"/> when resilience is off.</summary>
internal sealed record HttpClientResilience(
    string ClientName,
    HttpClientResilienceOptions Options,
    ResiliencePipeline<HttpResponseMessage>? Pipeline);
