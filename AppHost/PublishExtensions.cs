// ASPIREPROBES001: Aspire's probe annotations are marked for evaluation; they are the model's own way to say which
// paths a platform probes, and the infra sync test (tests/Deploy.Tests) notices if they change shape.
#pragma warning disable ASPIREPROBES001

namespace AppHost;

/// <summary>
/// What the app model adds when it is published for azd and Azure Container Apps (<c>--publisher manifest</c>); a run
/// on this machine is unchanged. <c>docs/deploy.md</c> says how the manifest becomes container apps.
/// </summary>
internal static class PublishExtensions
{
    /// <summary>
    /// Published, the project answers <c>/health</c> and <c>/alive</c> outside the Development environment too
    /// (<c>HealthChecks__Enabled=true</c>), and the model carries them as probes: readiness on <c>/health</c> (every
    /// check passes: the process may take traffic), liveness on <c>/alive</c> (the process still serves; failing it means
    /// the platform restarts the replica). <c>infra/</c> declares the same probes in each container app template.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDeployedHealthProbes(this IResourceBuilder<ProjectResource> project) =>
        project.ApplicationBuilder.ExecutionContext.IsPublishMode
            ? project
                .WithEnvironment("HealthChecks__Enabled", "true")
                .WithHttpProbe(ProbeType.Readiness, "/health", endpointName: "http")
                .WithHttpProbe(ProbeType.Liveness, "/alive", endpointName: "http")
            : project;
}
