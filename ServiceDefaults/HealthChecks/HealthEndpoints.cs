namespace ServiceDefaults.HealthChecks;

/// <summary>The probe paths and names shared by health checks and telemetry.</summary>
internal static class HealthEndpoints
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";

    /// <summary>Checks with this tag answer <c>/alive</c>: is the process responsive, regardless of its dependencies.</summary>
    public const string LiveTag = "live";

    public const string SelfCheckName = "self";

    /// <summary>Outside Development the endpoints are mapped only when this key is <c>true</c>.</summary>
    public const string EnabledKey = "HealthChecks:Enabled";
}
