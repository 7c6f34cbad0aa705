using System.Collections.Immutable;

namespace Platform.Actors;

/// <summary>
/// Ambient values that flow with a call chain: set a value before calling a grain and the grain (and the grains it
/// calls) can read it. Held in an <see cref="AsyncLocal{T}"/>; the runtime also carries W3C trace context here
/// (<c>traceparent</c>, <c>tracestate</c>). Keep values small: strings and primitives travel between silos.
/// </summary>
public static class RequestContext
{
    private static readonly AsyncLocal<ImmutableDictionary<string, object>?> Current = new();

    /// <summary>Returns the value stored under <paramref name="key"/>, or null.</summary>
    public static object? Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var values = Current.Value;
        return values is not null && values.TryGetValue(key, out var value) ? value : null;
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> for this call chain.</summary>
    public static void Set(string key, object value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        Current.Value = (Current.Value ?? ImmutableDictionary<string, object>.Empty).SetItem(key, value);
    }

    /// <summary>Removes the value under <paramref name="key"/>; returns true when there was one.</summary>
    public static bool Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var values = Current.Value;
        if (values is null || !values.ContainsKey(key))
        {
            return false;
        }

        var next = values.Remove(key);
        Current.Value = next.IsEmpty ? null : next;
        return true;
    }

    /// <summary>Removes every value.</summary>
    public static void Clear() => Current.Value = null;

    /// <summary>The current values as an immutable snapshot (null when empty); the runtime puts this in each request.</summary>
    internal static ImmutableDictionary<string, object>? Export() => Current.Value;

    /// <summary>Replaces the current values with a request's snapshot when a grain turn starts.</summary>
    internal static void Import(ImmutableDictionary<string, object>? values) => Current.Value = values;
}
