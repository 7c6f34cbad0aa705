using System.Text;
using Platform.Hosting.Dashboard.Telemetry;

namespace Platform.Hosting.Dashboard.Otlp;

/// <summary>Fills a message template's <c>{Name}</c> holes from the record's attributes.</summary>
/// <remarks>The .NET exporter sends the template as the body unless formatted messages are switched on; people want to read the message.</remarks>
internal static class LogMessageFormatter
{
    public static string Format(string body, IReadOnlyList<TelemetryTag> tags)
    {
        if (tags.Count == 0 || !body.Contains('{', StringComparison.Ordinal))
        {
            return body;
        }

        var builder = new StringBuilder(body.Length + 32);
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if ((c == '{' || c == '}') && i + 1 < body.Length && body[i + 1] == c)
            {
                builder.Append(c);
                i += 2;
                continue;
            }

            var close = c == '{' ? body.IndexOf('}', i + 1) : -1;
            if (close < 0)
            {
                builder.Append(c);
                i++;
                continue;
            }

            var hole = body.AsSpan(i + 1, close - i - 1);
            var cut = hole.IndexOfAny(':', ',');
            var name = (cut >= 0 ? hole[..cut] : hole).TrimStart('@').TrimStart('$').ToString();
            var tag = tags.FirstOrDefault(t => t.Key == name);
            builder.Append(tag is null ? body.AsSpan(i, close - i + 1) : tag.Value);
            i = close + 1;
        }

        return builder.ToString();
    }
}
