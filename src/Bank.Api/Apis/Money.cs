using System.Globalization;
using System.Text.Json;
using Bank.Contracts;

namespace Bank.Api.Apis;

/// <summary>Amounts on the wire: a JSON number or string in major units, with at most the currency's minor digits.</summary>
internal static class Money
{
    private const decimal MaxMajor = 1_000_000_000_000m;

    /// <summary>Parses the syntax and sign; null error means <paramref name="amount"/> is set.</summary>
    public static string? TryParse(JsonElement? element, out decimal amount)
    {
        amount = 0;
        var ok = element?.ValueKind switch
        {
            JsonValueKind.Number => element.Value.TryGetDecimal(out amount),
            JsonValueKind.String => decimal.TryParse(element.Value.GetString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount),
            _ => false,
        };
        return !ok ? "The amount is required: a positive decimal number or string in major units, e.g. \"12.34\"."
            : amount <= 0 ? "The amount must be positive."
            : amount > MaxMajor ? "The amount is too large."
            : null;
    }

    /// <summary>Converts to minor units; an error when the amount has more decimals than the currency allows.</summary>
    public static string? TryToMinor(decimal amount, string currency, out long minor)
    {
        Currencies.TryGetMinorDigits(currency, out var digits);
        var scaled = amount * Pow10(digits);
        minor = (long)scaled;
        return scaled != decimal.Truncate(scaled)
            ? $"The amount has more than {digits} decimal places, the most {currency} allows."
            : null;
    }

    public static string Format(long minor, string currency)
    {
        Currencies.TryGetMinorDigits(currency, out var digits);
        return (minor / Pow10(digits)).ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static decimal Pow10(int digits) => digits switch { 0 => 1m, 1 => 10m, 2 => 100m, _ => 1000m };
}
