using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Testing;

namespace Platform.Hosting.Dashboard.Integration.Tests.Support;

// frontend -> backend, both the TracedApi asset: GET /hop on the frontend calls GET /work on the backend.
internal static class TracedModel
{
    public static (IResourceBuilder<ProjectResource> Frontend, IResourceBuilder<ProjectResource> Backend) AddTracedPair(
        this IDistributedApplicationTestingBuilder builder, int backendReplicas = 1)
    {
        var backend = builder.AddProject<Projects.TracedApi>("backend").WithReplicas(backendReplicas).WithHttpHealthCheck();
        var frontend = builder.AddProject<Projects.TracedApi>("frontend")
            .WithExternalHttpEndpoints()
            .WithHttpHealthCheck()
            .WithReference(backend).WaitFor(backend);
        return (frontend, backend);
    }
}

internal sealed record HopAnswer(string TraceId, string Answer);
