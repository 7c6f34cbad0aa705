namespace Platform.AspNetCore.Tokens;

/// <summary>Who a token authenticates.</summary>
/// <param name="Subject">The caller's id, as the token was issued for.</param>
/// <param name="Role">The caller's role.</param>
public sealed record TokenHolder(string Subject, string Role);

/// <summary>What operators see of a token: never the secret, nor its hash.</summary>
/// <param name="Id">The token's id, used to revoke it.</param>
/// <param name="Subject">Who the token authenticates.</param>
/// <param name="Role">The subject's role.</param>
/// <param name="CreatedAt">When the token was issued.</param>
public sealed record TokenInfo(Guid Id, string Subject, string Role, DateTimeOffset CreatedAt);

/// <summary>The body of <c>POST /admin/tokens</c>.</summary>
/// <param name="Subject">Who the token is for: 1 to 64 letters, digits, '-', '_' or '.'.</param>
/// <param name="Role">One of the API's roles.</param>
public sealed record IssueTokenRequest(string? Subject, string? Role);

/// <summary>An issued token: the secret is shown this once.</summary>
/// <param name="Id">The token's id, used to revoke it.</param>
/// <param name="Token">The secret to send as <c>Authorization: Bearer …</c>.</param>
/// <param name="Subject">Who the token authenticates.</param>
/// <param name="Role">The subject's role.</param>
public sealed record IssuedToken(Guid Id, string Token, string Subject, string Role);
