using System.Globalization;

namespace Deploy.Tests.Infrastructure;

/// <summary>
/// A read-only walk over what YamlDotNet deserialises without types (maps, lists, strings): a missing key or a wrong
/// shape reads as <see cref="Missing"/> instead of throwing, so a comparison can report it.
/// </summary>
internal sealed class YamlNode
{
    public static readonly YamlNode Missing = new(null, isMissing: true);

    private readonly object? _value;

    private YamlNode(object? value, bool isMissing = false)
    {
        _value = value;
        IsMissing = isMissing;
    }

    public bool IsMissing { get; }

    public string? Scalar => _value as string;

    public IReadOnlyList<YamlNode> Items => _value is List<object?> list ? list.Select(From).ToList() : [];

    public IEnumerable<string> Keys => _value is Dictionary<object, object?> map ? map.Keys.Select(key => key.ToString()!) : [];

    public YamlNode this[string key] =>
        _value is Dictionary<object, object?> map && map.TryGetValue(key, out var child) ? From(child) : Missing;

    public static YamlNode From(object? value) => new(value);

    /// <summary>The scalar as an integer, or null when it is not one.</summary>
    public int? AsInt() =>
        int.TryParse(Scalar, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>The scalar as a boolean, or null when it is not one.</summary>
    public bool? AsBool() => bool.TryParse(Scalar, out var flag) ? flag : null;
}
