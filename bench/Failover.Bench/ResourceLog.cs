using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Failover.Bench;

/// <summary>A line a resource wrote, at the time Aspire stamped on it (as a <see cref="Clock"/> time), colours removed.</summary>
internal sealed record ResourceLine(double At, string Resource, string Text);

/// <summary>One message of a resource's console logger: its level and category (the header line) and its first line.</summary>
internal sealed record LoggedMessage(double At, string Resource, string Level, string Category, string Text);

/// <summary>
/// Keeps the resources' output (the categories Aspire forwards it under, <c>AppHost.Resources.&lt;name&gt;</c>), so what
/// the silos and the API said around a kill can be read beside the transfers.
/// </summary>
internal sealed partial class ResourceLog : ILoggerProvider
{
    public const string CategoryPrefix = "AppHost.Resources.";

    private readonly ConcurrentQueue<ResourceLine> _lines = new();

    public IReadOnlyList<ResourceLine> Lines => [.. _lines];

    /// <summary>
    /// The messages logged between two times. The console logger writes a header (<c>warn: Category[id]</c>) and the
    /// message on the next line; Aspire forwards each line alone, so they are joined again here.
    /// </summary>
    public IReadOnlyList<LoggedMessage> Messages(double from, double to)
    {
        var messages = new List<LoggedMessage>();
        var pending = new Dictionary<string, (string Level, string Category)>(StringComparer.Ordinal);
        foreach (var line in _lines.Where(l => l.At >= from && l.At <= to))
        {
            if (Header().Match(line.Text) is { Success: true } header)
            {
                pending[line.Resource] = (header.Groups[1].Value, header.Groups[2].Value);
            }
            else if (pending.Remove(line.Resource, out var open))
            {
                messages.Add(new LoggedMessage(line.At, line.Resource, open.Level, open.Category, line.Text.Trim()));
            }
        }

        return messages;
    }

    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith(CategoryPrefix, StringComparison.Ordinal) ? new Capture(this, categoryName[CategoryPrefix.Length..]) : NullLogger.Instance;

    public void Dispose()
    {
    }

    // "1220: 2026-12-02T05:46:26.5350000Z <text>": Aspire's line number and the time it read the line.
    [GeneratedRegex(@"^\d+: (\S+Z) ?(.*)$", RegexOptions.Singleline)]
    private static partial Regex Stamped();

    [GeneratedRegex(@"^(trce|dbug|info|warn|fail|crit): ([\w.]+)\[\d+\]")]
    private static partial Regex Header();

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Colours();

    private sealed class Capture(ResourceLog owner, string resource) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = Colours().Replace(formatter(state, exception), "");
            var at = Clock.Now;
            if (Stamped().Match(text) is { Success: true } stamped
                && DateTime.TryParse(stamped.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var stamp))
            {
                // Lines arrive in batches; the stamp says when the resource wrote them.
                at -= (DateTime.UtcNow - stamp).TotalSeconds;
                text = stamped.Groups[2].Value;
            }

            owner._lines.Enqueue(new ResourceLine(at, resource, text));
        }
    }
}
