namespace RenderFarm.Api.Security;

/// <summary>Users submit jobs and see their own; admins see and cancel every job and issue tokens.</summary>
internal static class Roles
{
    public const string User = "user";
    public const string Admin = "admin";

    public static readonly string[] All = [User, Admin];
}

internal static class Policies
{
    public const string User = "user";
    public const string Admin = "admin";
}
