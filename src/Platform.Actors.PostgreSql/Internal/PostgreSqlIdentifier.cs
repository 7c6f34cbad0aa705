using System.Text.RegularExpressions;

namespace Platform.Actors.PostgreSql.Internal;

/// <summary>Schema and table names from options end up in SQL text, so only plain lower-case identifiers are allowed.</summary>
internal static partial class PostgreSqlIdentifier
{
    // 40 leaves room for the suffixes of derived names (sequences, indexes) within PostgreSQL's 63-byte limit.
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex Plain();

    public static string Quote(string identifier, string optionName)
    {
        if (identifier is null || !Plain().IsMatch(identifier))
        {
            throw new ArgumentException(
                $"{optionName} '{identifier}' is not a plain PostgreSQL identifier. Use 1 to 40 lower-case letters, digits and underscores, starting with a letter or underscore.",
                optionName);
        }

        return $"\"{identifier}\"";
    }
}
