using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Platform.Hosting.Dashboard.Otlp.Proto;
using Platform.Hosting.Dashboard.Telemetry;

namespace Platform.Hosting.Dashboard.Otlp;

/// <summary>Conversions from OTLP wire values to the store's plain values.</summary>
internal static class OtlpValues
{
    // Hostile or careless senders may put megabytes in one attribute; the UI needs far less.
    private const int MaxValueLength = 16 * 1024;
    private const int MaxDepth = 8;

    public static IReadOnlyList<TelemetryTag> ToTags(RepeatedField<KeyValue> attributes)
    {
        if (attributes.Count == 0)
        {
            return [];
        }

        var tags = new TelemetryTag[attributes.Count];
        for (var i = 0; i < attributes.Count; i++)
        {
            tags[i] = new TelemetryTag(attributes[i].Key, ToText(attributes[i].Value));
        }

        return tags;
    }

    public static string ToText(AnyValue? value)
    {
        var builder = new StringBuilder();
        Append(builder, value, 0);
        return builder.Length > MaxValueLength ? builder.ToString(0, MaxValueLength) + "…" : builder.ToString();
    }

    public static string? ToHex(ByteString bytes) => bytes.IsEmpty ? null : Convert.ToHexStringLower(bytes.Span);

    public static DateTimeOffset ToTime(ulong unixNanos) => DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanos / 100));

    public static string? Find(RepeatedField<KeyValue> attributes, string key)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Key == key)
            {
                return ToText(attribute.Value);
            }
        }

        return null;
    }

    private static void Append(StringBuilder builder, AnyValue? value, int depth)
    {
        if (value is null || builder.Length > MaxValueLength)
        {
            return;
        }

        switch (value.ValueCase)
        {
            case AnyValue.ValueOneofCase.StringValue:
                builder.Append(value.StringValue);
                break;
            case AnyValue.ValueOneofCase.BoolValue:
                builder.Append(value.BoolValue ? "true" : "false");
                break;
            case AnyValue.ValueOneofCase.IntValue:
                builder.Append(value.IntValue.ToString(CultureInfo.InvariantCulture));
                break;
            case AnyValue.ValueOneofCase.DoubleValue:
                builder.Append(value.DoubleValue.ToString(CultureInfo.InvariantCulture));
                break;
            case AnyValue.ValueOneofCase.BytesValue:
                builder.Append(Convert.ToBase64String(value.BytesValue.Span));
                break;
            case AnyValue.ValueOneofCase.ArrayValue when depth < MaxDepth:
                builder.Append('[');
                for (var i = 0; i < value.ArrayValue.Values.Count; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ", ");
                    Append(builder, value.ArrayValue.Values[i], depth + 1);
                }

                builder.Append(']');
                break;
            case AnyValue.ValueOneofCase.KvlistValue when depth < MaxDepth:
                builder.Append('{');
                for (var i = 0; i < value.KvlistValue.Values.Count; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ", ").Append(value.KvlistValue.Values[i].Key).Append(": ");
                    Append(builder, value.KvlistValue.Values[i].Value, depth + 1);
                }

                builder.Append('}');
                break;
            default:
                break;
        }
    }
}
