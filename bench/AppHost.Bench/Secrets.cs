namespace AppHost.Bench;

/// <summary>Fixed values for the AppHost's secret parameters, so a run neither depends on nor writes the AppHost's user secrets.</summary>
internal static class Secrets
{
    public const string Password = "apphostbenchpassword0123456789ab";

    public static readonly (string Name, string Value)[] Parameters =
    [
        ("redis-password", Password),
        ("postgres-password", Password),
        ("actors-cluster-secret", "apphostbenchclustersecret0123456"),
        ("bank-admin-token", "apphostbenchadmintoken0123456789"),
    ];
}
