using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ServiceDefaults.Resilience;

/// <summary>Binds <see cref="HttpClientResilienceOptions"/> from the shared section, then the client's own.</summary>
internal sealed class HttpClientResilienceOptionsSetup(IConfiguration configuration) : IConfigureNamedOptions<HttpClientResilienceOptions>
{
    public const string SectionName = "HttpClientResilience";

    public void Configure(string? name, HttpClientResilienceOptions options)
    {
        // Unknown keys in the shared section (the per-client subsections) are ignored by the binder.
        configuration.GetSection(SectionName).Bind(options);
        if (!string.IsNullOrEmpty(name))
        {
            configuration.GetSection($"{SectionName}:{name}").Bind(options);
        }
    }

    public void Configure(HttpClientResilienceOptions options) => Configure(Options.DefaultName, options);
}
