// ASPIREPROBES001: the probe annotations are Aspire's (marked for evaluation); reading them is the point here.
#pragma warning disable ASPIREPROBES001

namespace Deploy.Tests.Infrastructure;

/// <summary>
/// What the published app model says that its manifest does not carry: each project's replicas and HTTP probes. Read
/// from the real AppHost's model in publish mode through Aspire.Hosting.Testing, without starting anything.
/// </summary>
internal sealed class AppModelFacts
{
    private static readonly Lazy<Task<AppModelFacts>> Read = new(ReadAsync);

    public AppModelFacts(IReadOnlyDictionary<string, int> replicas, IReadOnlyDictionary<string, IReadOnlyList<ModelProbe>> probes)
    {
        Replicas = replicas;
        Probes = probes;
    }

    /// <summary>Replicas per resource with a <see cref="ReplicaAnnotation"/>.</summary>
    public IReadOnlyDictionary<string, int> Replicas { get; }

    /// <summary>HTTP probes per resource.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ModelProbe>> Probes { get; }

    public static Task<AppModelFacts> GetAsync() => Read.Value;

    private static async Task<AppModelFacts> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = Path.Combine(Path.GetTempPath(), "deploy-tests-model-" + Guid.NewGuid().ToString("N"), "aspire-manifest.json");
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--publisher", "manifest", "--output-path", output], timeout.Token);
        if (!builder.ExecutionContext.IsPublishMode)
        {
            throw new InvalidOperationException("The AppHost's model was not built in publish mode.");
        }

        var replicas = new Dictionary<string, int>(StringComparer.Ordinal);
        var probes = new Dictionary<string, IReadOnlyList<ModelProbe>>(StringComparer.Ordinal);
        foreach (var resource in builder.Resources)
        {
            if (resource.Annotations.OfType<ReplicaAnnotation>().LastOrDefault() is { } replica)
            {
                replicas[resource.Name] = replica.Replicas;
            }

            var resourceProbes = resource.Annotations.OfType<EndpointProbeAnnotation>()
                .Select(probe => new ModelProbe(probe.Type.ToString(), probe.Path, probe.EndpointReference.EndpointName))
                .ToList();
            if (resourceProbes.Count > 0)
            {
                probes[resource.Name] = resourceProbes;
            }
        }

        return new AppModelFacts(replicas, probes);
    }
}

/// <summary>An HTTP probe of the model: Readiness, Liveness or Startup, on a path of an endpoint.</summary>
internal sealed record ModelProbe(string Type, string Path, string EndpointName);
