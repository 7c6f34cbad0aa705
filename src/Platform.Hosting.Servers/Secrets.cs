using System.Security.Cryptography;

namespace Platform.Hosting.Servers;

/// <summary>Generates passwords that need no escaping in a connection string or on a command line.</summary>
public static class Secrets
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <summary>Returns a random password of <paramref name="length"/> letters and digits.</summary>
    public static string NewPassword(int length = 24) => RandomNumberGenerator.GetString(Alphabet, length);
}
