namespace Bank.Api.Extensions;

/// <summary>The API's settings, section <c>Bank</c>.</summary>
public sealed class BankApiOptions
{
    /// <summary>The seeded admin token; when absent and no admin exists, one is generated and printed once.</summary>
    public string? AdminToken { get; set; }

    /// <summary>
    /// How long a replica trusts a token lookup before asking PostgreSQL again. Revocations clear it at once through Redis;
    /// without Redis, or if a replica misses the message, this is how long a revoked token may still work there.
    /// </summary>
    public int TokenCacheSeconds { get; set; } = 30;

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
