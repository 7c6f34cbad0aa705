namespace Platform.AspNetCore.Tokens;

/// <summary>
/// How an API keeps its tokens. The code that registers them (<see cref="ApiTokenExtensions.AddApiTokens"/>) fixes where
/// they live; <see cref="AdminToken"/> and <see cref="TokenCacheSeconds"/> are read from the API's configuration section.
/// </summary>
public sealed class ApiTokenOptions
{
    /// <summary>The configuration section the options are bound from (<c>Bank</c>, <c>Farm</c>), named in messages.</summary>
    public string Section { get; set; } = "Api";

    /// <summary>The PostgreSQL schema holding the <c>api_tokens</c> table: lower-case letters, digits and '_'.</summary>
    public string Schema { get; set; } = "api";

    /// <summary>What issued tokens begin with, so a leaked one says which system it opens (<c>bank_</c>).</summary>
    public string TokenPrefix { get; set; } = "api_";

    /// <summary>The admin credential to register at start; when absent and no admin exists, one is generated and printed once.</summary>
    public string? AdminToken { get; set; }

    /// <summary>
    /// How long a replica trusts a token lookup before asking PostgreSQL again. Revocations clear it at once through Redis
    /// where the API has a Redis connection; without one, or if a replica misses the message, this is how long a revoked
    /// token may still work there.
    /// </summary>
    public int TokenCacheSeconds { get; set; } = 30;

    /// <summary>
    /// Where a browser may be asked for the token as the password of HTTP Basic authentication (a browser cannot send a
    /// bearer header), for example the Orleans dashboard; elsewhere a missing credential is challenged as Bearer.
    /// </summary>
    public string? BasicChallengePath { get; set; }

    /// <summary>The roles an admin may issue tokens for.</summary>
    public IReadOnlyList<string> Roles { get; set; } = [ApiRoles.Admin];
}

/// <summary>The one role every API has: it issues and revokes tokens.</summary>
public static class ApiRoles
{
    /// <summary>The administrator: issues and revokes tokens.</summary>
    public const string Admin = "admin";
}
