using System.Security.Cryptography;
using System.Text;

namespace Bank.Api.Security;

internal static class TokenHash
{
    /// <summary>Tokens are stored only as their SHA-256: they are 256 random bits, so no salt or slow hash is needed.</summary>
    public static byte[] Of(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static string NewToken() => "bank_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
