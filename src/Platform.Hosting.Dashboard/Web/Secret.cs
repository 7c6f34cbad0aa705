using System.Security.Cryptography;
using System.Text;

namespace Platform.Hosting.Dashboard.Web;

/// <summary>A secret held as its SHA-256 digest, compared in constant time.</summary>
/// <remarks>Hashing both sides first hides the length too; FixedTimeEquals alone would return early on a length mismatch.</remarks>
internal sealed class Secret(string value)
{
    private readonly byte[] _digest = SHA256.HashData(Encoding.UTF8.GetBytes(value));

    public static string Generate() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(_digest, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));
}
