namespace Bank.Api.Extensions;

/// <summary>Where the API serves the Orleans dashboard: admins only, and a browser logs in with the token as Basic password.</summary>
internal static class DashboardRoute
{
    public const string Path = "/orleans";
}
