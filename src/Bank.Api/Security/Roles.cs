namespace Bank.Api.Security;

internal static class Roles
{
    public const string Customer = "customer";
    public const string Teller = "teller";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly string[] All = [Customer, Teller, Auditor, Admin];
}
