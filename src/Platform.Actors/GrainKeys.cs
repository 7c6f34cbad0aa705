using System.Globalization;

namespace Platform.Actors;

/// <summary>The canonical string forms of grain keys (<see cref="GrainId.Key"/>) and their parsing.</summary>
internal static class GrainKeys
{
    // Compound keys put the extension after the first '+': neither a Guid ("N") nor an integer contains one.
    private const char ExtensionSeparator = '+';

    public static string Format(Guid key) => key.ToString("N", CultureInfo.InvariantCulture);

    public static string Format(long key) => key.ToString(CultureInfo.InvariantCulture);

    public static string Format(Guid key, string extension) => Format(key) + ExtensionSeparator + extension;

    public static string Format(long key, string extension) => Format(key) + ExtensionSeparator + extension;

    public static Guid ParseGuid(GrainId id, out string? extension)
    {
        var baseKey = Split(id.Key, out extension);
        return Guid.TryParseExact(baseKey, "N", out var guid)
            ? guid
            : throw new InvalidOperationException($"Grain '{id}' does not have a Guid key; use GetPrimaryKeyString() or GetPrimaryKeyLong().");
    }

    public static long ParseLong(GrainId id, out string? extension)
    {
        var baseKey = Split(id.Key, out extension);
        return long.TryParse(baseKey, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"Grain '{id}' does not have an integer key; use GetPrimaryKeyString() or GetPrimaryKey().");
    }

    private static string Split(string key, out string? extension)
    {
        var separator = key.IndexOf(ExtensionSeparator, StringComparison.Ordinal);
        if (separator < 0)
        {
            extension = null;
            return key;
        }

        extension = key[(separator + 1)..];
        return key[..separator];
    }
}
