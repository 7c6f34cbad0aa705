using System.Globalization;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace ServiceDefaults.Telemetry;

/// <summary>
/// The OpenTelemetry environment variables (as the orchestrator sets them) read through
/// <see cref="IConfiguration"/>, so in-memory configuration in tests works like process env.
/// </summary>
internal sealed class OtlpSettings
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string HeadersKey = "OTEL_EXPORTER_OTLP_HEADERS";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";
    public const string ResourceAttributesKey = "OTEL_RESOURCE_ATTRIBUTES";
    public const string TraceDelayKey = "OTEL_BSP_SCHEDULE_DELAY";
    public const string LogDelayKey = "OTEL_BLRP_SCHEDULE_DELAY";
    public const string MetricIntervalKey = "OTEL_METRIC_EXPORT_INTERVAL";

    private OtlpSettings(string serviceName)
    {
        ServiceName = serviceName;
    }

    /// <summary>The collector base address; <see langword="null"/> turns the OTLP exporter off.</summary>
    public Uri? Endpoint { get; private init; }

    public OtlpExportProtocol Protocol { get; private init; } = OtlpExportProtocol.Grpc;

    /// <summary>Raw <c>key=value,key=value</c> list, handed to the exporter unparsed and never logged.</summary>
    public string? Headers { get; private init; }

    public string ServiceName { get; }

    public string? ServiceInstanceId { get; private init; }

    /// <summary>Resource attributes other than <c>service.name</c> and <c>service.instance.id</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> ResourceAttributes { get; private init; } = [];

    public int? TraceScheduleDelayMilliseconds { get; private init; }

    public int? LogScheduleDelayMilliseconds { get; private init; }

    public int? MetricExportIntervalMilliseconds { get; private init; }

    public static OtlpSettings FromConfiguration(IConfiguration configuration, string applicationName)
    {
        var attributes = ParseResourceAttributes(configuration[ResourceAttributesKey]);
        var serviceName = NonEmpty(configuration[ServiceNameKey])
            ?? attributes.FirstOrDefault(a => a.Key == "service.name").Value
            ?? applicationName;
        var instanceId = attributes.FirstOrDefault(a => a.Key == "service.instance.id").Value;

        return new OtlpSettings(serviceName)
        {
            Endpoint = ParseEndpoint(configuration[EndpointKey]),
            Protocol = ParseProtocol(configuration[ProtocolKey]),
            Headers = NonEmpty(configuration[HeadersKey]),
            ServiceInstanceId = instanceId,
            ResourceAttributes = attributes
                .Where(a => a.Key is not "service.name" and not "service.instance.id")
                .Select(a => new KeyValuePair<string, object>(a.Key, a.Value))
                .ToList(),
            TraceScheduleDelayMilliseconds = ParseMilliseconds(configuration, TraceDelayKey),
            LogScheduleDelayMilliseconds = ParseMilliseconds(configuration, LogDelayKey),
            MetricExportIntervalMilliseconds = ParseMilliseconds(configuration, MetricIntervalKey),
        };
    }

    /// <summary>
    /// The address one signal is exported to. Over http/protobuf the collector serves each signal
    /// on its own path (as the OTLP spec says for the non-signal-specific endpoint variable);
    /// gRPC multiplexes them on the base address.
    /// </summary>
    public Uri SignalEndpoint(string signalPath)
    {
        var endpoint = Endpoint ?? throw new InvalidOperationException($"{EndpointKey} is not set, so no OTLP exporter is configured.");
        if (Protocol != OtlpExportProtocol.HttpProtobuf)
        {
            return endpoint;
        }

        return new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
    }

    private static Uri? ParseEndpoint(string? value)
    {
        if (NonEmpty(value) is not { } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException(
                $"Configuration key '{EndpointKey}' has the value '{text}', which is not an absolute http or https address. Set it to the collector's address, e.g. 'http://127.0.0.1:4318', or remove it to turn the OTLP exporter off.");
        }

        return uri;
    }

    private static OtlpExportProtocol ParseProtocol(string? value) => NonEmpty(value)?.ToUpperInvariant() switch
    {
        null or "GRPC" => OtlpExportProtocol.Grpc,
        "HTTP/PROTOBUF" => OtlpExportProtocol.HttpProtobuf,
        _ => throw new InvalidOperationException(
            $"Configuration key '{ProtocolKey}' has the value '{value}', which is not supported. Use 'grpc' or 'http/protobuf'."),
    };

    private static int? ParseMilliseconds(IConfiguration configuration, string key)
    {
        if (NonEmpty(configuration[key]) is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) || milliseconds <= 0)
        {
            throw new InvalidOperationException(
                $"Configuration key '{key}' has the value '{text}', which is not a positive whole number of milliseconds. Set it to e.g. '1000' or remove it to use the default.");
        }

        return milliseconds;
    }

    // W3C-baggage-like list: key=value pairs separated by commas, values percent-encoded.
    private static List<KeyValuePair<string, string>> ParseResourceAttributes(string? value)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (NonEmpty(value) is not { } text)
        {
            return result;
        }

        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                continue;
            }

            var key = pair[..separator].Trim();
            var attributeValue = Uri.UnescapeDataString(pair[(separator + 1)..].Trim());
            result.Add(new KeyValuePair<string, string>(key, attributeValue));
        }

        return result;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
