using System.Security.Claims;
using Bank.Contracts;

namespace Bank.Api.Security;

/// <summary>The authenticated caller and the attribute rules: customers own accounts, tellers serve all, auditors only read.</summary>
internal sealed record Caller(string Id, string Role)
{
    public static Caller From(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier)!, user.FindFirstValue(ClaimTypes.Role)!);

    public bool CanRead(AccountSnapshot account) => Role is Roles.Teller or Roles.Auditor || (Role == Roles.Customer && account.OwnerId == Id);

    public bool CanMove(AccountSnapshot account) => Role == Roles.Teller || (Role == Roles.Customer && account.OwnerId == Id);
}
