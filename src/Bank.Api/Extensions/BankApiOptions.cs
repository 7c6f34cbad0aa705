namespace Bank.Api.Extensions;

/// <summary>
/// The API's settings, section <c>Bank</c>. The same section's <c>AdminToken</c> and <c>TokenCacheSeconds</c> belong to
/// the token store (<see cref="Platform.AspNetCore.Tokens.ApiTokenOptions"/>).
/// </summary>
public sealed class BankApiOptions
{
    /// <summary>Requests per caller per window, shared by all API replicas through Redis.</summary>
    public int RateLimitPermits { get; set; } = 100;

    /// <summary>The rate-limit window in seconds.</summary>
    public int RateLimitWindowSeconds { get; set; } = 1;

    /// <summary>Largest amount (major units) one operation may move, per role.</summary>
    public Dictionary<string, decimal> RoleLimits { get; set; } = new(StringComparer.Ordinal)
    {
        ["customer"] = 10_000m,
        ["teller"] = 1_000_000m,
    };
}
