using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ServiceDefaults.HealthChecks;

/// <summary>Healthy whenever it runs: answering at all is what liveness means.</summary>
internal sealed class SelfHealthCheck : IHealthCheck
{
    private static readonly Task<HealthCheckResult> Healthy =
        Task.FromResult(HealthCheckResult.Healthy("The process is serving requests."));

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => Healthy;
}
