using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace ServiceDefaults.ServiceDiscovery;

/// <summary>
/// Turns a logical address such as <c>https+http://api/orders</c> into a replica's address from
/// configuration <c>services:{name}:{scheme}:{index}</c> (environment <c>services__api__http__0</c>),
/// the format the orchestrator hands every project. Requests are spread round robin over the
/// replicas listed. Configuration is read on every request, so a reload takes effect at once.
/// </summary>
internal sealed class ServiceEndpointResolver(IConfiguration configuration)
{
    /// <summary>Scheme meaning "prefer https, fall back to http".</summary>
    public const string HttpsOrHttpScheme = "https+http";

    private const string SectionName = "services";

    // Keyed by "name/scheme": one rotation per service endpoint, shared by all clients.
    private readonly ConcurrentDictionary<string, StrongCounter> _counters = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether <paramref name="uri"/> names a service rather than a host: one of the supported
    /// schemes and a single-label host name that is not <c>localhost</c>. Addresses with a dot or
    /// an IP pass through untouched, so real hosts keep working in the same client.
    /// </summary>
    public static bool IsLogicalAddress(Uri uri)
    {
        if (!uri.IsAbsoluteUri || uri.HostNameType != UriHostNameType.Dns)
        {
            return false;
        }

        var scheme = uri.Scheme;
        if (scheme != Uri.UriSchemeHttp && scheme != Uri.UriSchemeHttps && scheme != HttpsOrHttpScheme)
        {
            return false;
        }

        var host = uri.IdnHost;
        return !host.Contains('.', StringComparison.Ordinal)
            && !string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            && !IPAddress.TryParse(host, out _);
    }

    /// <summary>Picks the next replica for <paramref name="logical"/> and returns the address to send to.</summary>
    /// <exception cref="InvalidOperationException">No endpoint of any acceptable scheme is configured for the service.</exception>
    public Uri Resolve(Uri logical)
    {
        var name = logical.IdnHost;
        string[] schemes = logical.Scheme == HttpsOrHttpScheme
            ? [Uri.UriSchemeHttps, Uri.UriSchemeHttp]
            : [logical.Scheme];

        foreach (var scheme in schemes)
        {
            var endpoints = ReadEndpoints(name, scheme);
            if (endpoints.Count == 0)
            {
                continue;
            }

            var counter = _counters.GetOrAdd(name + "/" + scheme, static _ => new StrongCounter());
            var index = (int)((uint)(Interlocked.Increment(ref counter.Value) - 1) % (uint)endpoints.Count);
            return Combine(ParseEndpoint(endpoints[index], scheme, name), logical);
        }

        throw new InvalidOperationException(NotFoundMessage(name, schemes));
    }

    private List<string> ReadEndpoints(string name, string scheme)
    {
        var section = configuration.GetSection($"{SectionName}:{name}:{scheme}");
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return [section.Value.Trim()];
        }

        // Children are "0", "1", ...: order them numerically so index 10 follows 9, not 1.
        return section.GetChildren()
            .Where(child => !string.IsNullOrWhiteSpace(child.Value))
            .OrderBy(child => int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue)
            .ThenBy(child => child.Key, StringComparer.Ordinal)
            .Select(child => child.Value!.Trim())
            .ToList();
    }

    private static Uri ParseEndpoint(string value, string scheme, string name)
    {
        // The orchestrator writes full URLs; "host:port" alone is accepted and takes the scheme asked for.
        var text = value.Contains("://", StringComparison.Ordinal) ? value : $"{scheme}://{value}";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var endpoint))
        {
            throw new InvalidOperationException(
                $"Endpoint '{value}' configured for service '{name}' under 'services:{name}:{scheme}' is not a valid address. Use the form '{scheme}://127.0.0.1:5000'.");
        }

        return endpoint;
    }

    private static Uri Combine(Uri endpoint, Uri logical)
    {
        var basePath = endpoint.AbsolutePath.TrimEnd('/');
        return new Uri($"{endpoint.Scheme}://{endpoint.Authority}{basePath}{logical.PathAndQuery}{logical.Fragment}");
    }

    private static string NotFoundMessage(string name, string[] schemes)
    {
        var keys = schemes.Select(s => $"'{SectionName}:{name}:{s}:0'").ToArray();
        var envs = schemes.Select(s => $"'{SectionName}__{name}__{s}__0'").ToArray();
        var keyText = keys.Length == 1
            ? $"configuration key {keys[0]} is not set"
            : $"configuration keys {string.Join(" and ", keys)} are not set";
        return $"No endpoint for service '{name}': {keyText}. Set it (environment variable {string.Join(" or ", envs)}) to the service's address, e.g. 'http://127.0.0.1:5000', or reference the service from the app host so the orchestrator sets it.";
    }

    private sealed class StrongCounter
    {
        public int Value;
    }
}
