using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Tests.Shared;

/// <summary>OTLP's span kinds, as the dashboard's telemetry API writes them (a number in <c>kind</c>).</summary>
internal enum OtlpSpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}

/// <summary>
/// One span as the dashboard stored it: the resource that sent it (<c>service.name</c>), its instrumentation scope, its
/// ids and its attributes (each value as the text OTLP JSON gives it: an <c>intValue</c> is a string of digits there).
/// </summary>
internal sealed record DashboardSpan(
    string Resource,
    string? Instance,
    string Scope,
    OtlpSpanKind Kind,
    string Name,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    IReadOnlyDictionary<string, string> Attributes)
{
    public override string ToString() => $"{Resource}/{Scope}/{Kind}/{Name}";
}

/// <summary>
/// What the real Aspire dashboard shows, read through its telemetry HTTP API (<c>/api/telemetry/*</c>, the API behind
/// <c>aspire otel spans|traces</c>). In run mode the AppHost generates the key as <c>AppHost:DashboardApiKey</c> and
/// hands it to the dashboard as <c>DASHBOARD__API__PRIMARYAPIKEY</c> (auth mode <c>ApiKey</c>); callers send it in
/// the <c>x-api-key</c> header. The dashboard is the app model's <c>aspire-dashboard</c> resource, on a random port
/// under the testing builder, so its URL is read from its endpoint.
/// </summary>
internal sealed class DashboardTelemetry : IDisposable
{
    private const string DashboardResource = "aspire-dashboard";

    private readonly HttpClient _http;

    private DashboardTelemetry(HttpClient http) => _http = http;

    public static async Task<DashboardTelemetry> ConnectAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var dashboard = model.Resources.OfType<IResourceWithEndpoints>().SingleOrDefault(r => r.Name == DashboardResource)
            ?? throw new InvalidOperationException("The app has no dashboard: start it with the dashboard enabled.");
        var apiKey = app.Services.GetRequiredService<IConfiguration>()["AppHost:DashboardApiKey"];
        if (string.IsNullOrEmpty(apiKey))
        {
            throw new InvalidOperationException("AppHost:DashboardApiKey is not set: the AppHost did not secure the dashboard's telemetry API.");
        }

        await app.ResourceNotifications.WaitForResourceHealthyAsync(DashboardResource, cancellationToken);
        var endpoint = dashboard.GetEndpoint("http") is { Exists: true } http ? http : dashboard.GetEndpoint("https");
        var url = await endpoint.GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException("The dashboard's endpoint has no address.");
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Add("x-api-key", apiKey);
        return new DashboardTelemetry(client);
    }

    /// <summary>The spans of one trace, as the dashboard's trace view groups them; none while it has not seen the trace.</summary>
    public async Task<IReadOnlyList<DashboardSpan>> GetTraceAsync(string traceId, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"/api/telemetry/traces/{traceId}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return ReadSpans(json.RootElement.GetProperty("data"));
    }

    /// <summary>The names of the resources the dashboard has telemetry from, e.g. <c>silo-abcdefgh</c>.</summary>
    public async Task<IReadOnlyList<string>> GetResourcesAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("/api/telemetry/resources", cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return [.. json.RootElement.EnumerateArray().Select(r => r.GetProperty("displayName").GetString() ?? "?")];
    }

    /// <summary>
    /// Polls the trace until <paramref name="complete"/> holds or <paramref name="within"/> has passed, and returns the
    /// spans last seen either way, so a caller can assert and show what was there. Exporters batch for a few seconds.
    /// </summary>
    public async Task<IReadOnlyList<DashboardSpan>> WaitForTraceAsync(
        string traceId, Func<IReadOnlyList<DashboardSpan>, bool> complete, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var spans = await GetTraceAsync(traceId, cancellationToken);
            if (complete(spans) || DateTime.UtcNow >= deadline)
            {
                return spans;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    public void Dispose() => _http.Dispose();

    // OTLP JSON: resourceSpans[] { resource.attributes[], scopeSpans[] { scope.name, spans[] } }.
    private static List<DashboardSpan> ReadSpans(JsonElement data)
    {
        var spans = new List<DashboardSpan>();
        if (!data.TryGetProperty("resourceSpans", out var resourceSpans))
        {
            return spans;
        }

        foreach (var resourceSpan in resourceSpans.EnumerateArray())
        {
            var attributes = resourceSpan.TryGetProperty("resource", out var resource) && resource.TryGetProperty("attributes", out var a) ? a : default;
            var service = Attribute(attributes, "service.name") ?? "?";
            var instance = Attribute(attributes, "service.instance.id");
            foreach (var scopeSpan in resourceSpan.GetProperty("scopeSpans").EnumerateArray())
            {
                var scope = scopeSpan.TryGetProperty("scope", out var s) && s.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "";
                foreach (var span in scopeSpan.GetProperty("spans").EnumerateArray())
                {
                    spans.Add(new DashboardSpan(
                        service,
                        instance,
                        scope,
                        span.TryGetProperty("kind", out var kind) ? (OtlpSpanKind)kind.GetInt32() : OtlpSpanKind.Unspecified,
                        span.GetProperty("name").GetString() ?? "",
                        span.GetProperty("traceId").GetString() ?? "",
                        span.GetProperty("spanId").GetString() ?? "",
                        span.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() : null,
                        Attributes(span)));
                }
            }
        }

        return spans;
    }

    private static Dictionary<string, string> Attributes(JsonElement span)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (span.TryGetProperty("attributes", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var attribute in list.EnumerateArray())
            {
                // An AnyValue holds one of stringValue, intValue, boolValue, doubleValue, ...: its only property.
                var value = attribute.GetProperty("value").EnumerateObject().FirstOrDefault().Value;
                attributes[attribute.GetProperty("key").GetString() ?? ""] =
                    value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
            }
        }

        return attributes;
    }

    private static string? Attribute(JsonElement attributes, string key)
    {
        if (attributes.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var attribute in attributes.EnumerateArray())
        {
            if (attribute.GetProperty("key").GetString() == key
                && attribute.GetProperty("value").TryGetProperty("stringValue", out var value))
            {
                return value.GetString();
            }
        }

        return null;
    }
}
