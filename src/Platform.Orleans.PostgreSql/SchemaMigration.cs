using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Orleans.PostgreSql;

/// <summary>
/// One embedded migration script, <c>Sql/NNNN_name.sql</c>: its version (NNNN), name and SHA-256 checksum.
/// </summary>
internal sealed partial record SchemaMigration(int Version, string Name, string Sql, string Checksum)
{
    private const string ResourcePrefix = "Platform.Orleans.PostgreSql.Sql.";

    private static readonly Lazy<IReadOnlyList<SchemaMigration>> Embedded = new(Load);

    /// <summary>Every embedded migration, by ascending version: 1, 2, 3, ... with no gap.</summary>
    public static IReadOnlyList<SchemaMigration> All => Embedded.Value;

    /// <summary>SHA-256 of the script with line endings normalised to <c>\n</c>, so a checkout's line endings do not count as a change.</summary>
    public static string ComputeChecksum(string sql)
    {
        var normalised = sql.ReplaceLineEndings("\n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }

    private static List<SchemaMigration> Load()
    {
        var assembly = typeof(SchemaMigration).Assembly;
        var migrations = new List<SchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[ResourcePrefix.Length..];
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Embedded migration '{fileName}' is not named NNNN_name.sql.");
            }

            var sql = Read(assembly, resource);
            migrations.Add(new SchemaMigration(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value, sql, ComputeChecksum(sql)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            // Versions are the order of application: a duplicate or a gap is a mistake in this assembly, not in a database.
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"Embedded migrations must be numbered 1, 2, 3, ... without gaps or duplicates; found {string.Join(", ", migrations.Select(m => m.Version))}.");
            }
        }

        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' could not be opened.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
