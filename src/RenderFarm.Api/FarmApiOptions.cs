namespace RenderFarm.Api;

/// <summary>
/// The API's settings, section <c>Farm</c>. The same section's <c>AdminToken</c> (the AppHost passes the bank's admin
/// token parameter) and <c>TokenCacheSeconds</c> belong to the token store (<see cref="Platform.AspNetCore.Tokens.ApiTokenOptions"/>).
/// </summary>
public sealed class FarmApiOptions
{
    /// <summary>Requests per caller per second, per API replica.</summary>
    public int RateLimitPermits { get; set; } = 50;
}
