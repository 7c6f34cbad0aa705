namespace Bank.Api.Security;

/// <summary>Role policies; which object a caller may touch is decided per request by <see cref="Caller"/>.</summary>
internal static class Policies
{
    public const string Read = "read";
    public const string Move = "move";
    public const string Open = "open";
    public const string Admin = "admin";
}
