using Bank.Api.Extensions;
using Bank.Api.Security;

namespace Bank.Api.Apis;

internal static class RoleLimits
{
    /// <summary>True when the caller's role may not move this much in one operation (roles without a limit move nothing).</summary>
    public static bool Exceeded(BankApiOptions options, Caller caller, decimal amount) =>
        !options.RoleLimits.TryGetValue(caller.Role, out var limit) || amount > limit;
}
