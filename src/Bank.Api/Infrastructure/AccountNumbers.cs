using System.Security.Cryptography;

namespace Bank.Api.Infrastructure;

internal static class AccountNumbers
{
    /// <summary>16 random digits: not guessable, so an account number is no existence oracle.</summary>
    public static string New() => string.Create(16, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }
    });

    public static bool IsWellFormed(string id) => id.Length == 16 && id.All(char.IsAsciiDigit);

    /// <summary>What logs may show of an account number: its last four digits.</summary>
    public static string Mask(string id) => id.Length <= 4 ? "****" : "****" + id[^4..];
}
