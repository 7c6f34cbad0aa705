namespace Bank.Contracts;

/// <summary>The currencies the bank keeps, with their number of minor digits (ISO 4217).</summary>
public static class Currencies
{
    private static readonly Dictionary<string, int> MinorDigits = new(StringComparer.Ordinal)
    {
        ["EUR"] = 2, ["USD"] = 2, ["GBP"] = 2, ["CHF"] = 2, ["JPY"] = 0, ["KWD"] = 3,
    };

    /// <summary>The supported currency codes.</summary>
    public static IEnumerable<string> Codes => MinorDigits.Keys;

    /// <summary>Gets the minor digits of a supported currency (upper-case ISO code).</summary>
    public static bool TryGetMinorDigits(string? currency, out int digits) =>
        MinorDigits.TryGetValue(currency ?? "", out digits);
}
