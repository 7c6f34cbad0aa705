namespace RenderFarm.Api;

/// <summary>The API's settings, section <c>Farm</c>.</summary>
public sealed class FarmApiOptions
{
    /// <summary>The seeded admin token (the AppHost passes the bank's admin token parameter).</summary>
    public string? AdminToken { get; set; }

    /// <summary>Requests per caller per second, per API replica.</summary>
    public int RateLimitPermits { get; set; } = 50;
}
