using System.Text.Json.Nodes;
using Deploy.Tests.Infrastructure;

namespace Deploy.Tests;

/// <summary>
/// infra/ and AppHost/infra/ say what the AppHost's manifest and model say: the same container apps, ports, secrets,
/// environment, volumes, probes, replicas and parameters. A change to the model fails here with what to add.
/// </summary>
public sealed class InfraSyncTests
{
    [Fact]
    public async Task Infra_MatchesThePublishedManifestAndModel()
    {
        var manifest = await PublishedManifest.GetAsync();
        var problems = InfraComparison.Compare(new AzdManifest(manifest.Resources), await AppModelFacts.GetAsync(), await InfraFolder.GetAsync());

        Assert.True(problems.Count == 0, "infra/ and AppHost/infra/ do not match the AppHost (docs/deploy.md, \"Changing the model\"):\n\n" + string.Join("\n\n", problems));
    }

    [Fact]
    public async Task Compare_ProjectAddedToTheModel_AsksForItsTemplate()
    {
        var resources = (await PublishedManifest.GetAsync()).CloneResources();
        var silo = resources["silo"]!.DeepClone();
        resources["worker-silo"] = silo;

        var problems = await CompareAsync(resources);

        var missing = Assert.Single(problems, problem => problem.Contains("AppHost/infra/worker-silo.tmpl.yaml does not exist", StringComparison.Ordinal));
        Assert.Contains("- targetPort: 8000", missing, StringComparison.Ordinal);
        Assert.Contains("secretRef: connectionstrings--bankdb", missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_PortAddedToAProject_AsksForTheMapping()
    {
        var resources = (await PublishedManifest.GetAsync()).CloneResources();
        resources["silo"]!["bindings"]!["orleans-dashboard"] = new JsonObject { ["scheme"] = "tcp", ["protocol"] = "tcp", ["transport"] = "tcp", ["targetPort"] = 8010 };

        var problems = await CompareAsync(resources);

        Assert.Contains(problems, problem => problem.Contains("silo.tmpl.yaml: ingress.additionalPortMappings", StringComparison.Ordinal)
            && problem.Contains("8010", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compare_PortChanged_Fails()
    {
        var resources = (await PublishedManifest.GetAsync()).CloneResources();
        resources["silo"]!["bindings"]!["orleans-gateway"]!["targetPort"] = 30000;

        var problems = await CompareAsync(resources);

        Assert.Contains(problems, problem => problem.Contains("Orleans__Endpoints__GatewayPort", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("additionalPortMappings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compare_SecretAddedToTheModel_AsksForTheParameterAndTheSecret()
    {
        var resources = (await PublishedManifest.GetAsync()).CloneResources();
        resources["farm-token"] = new JsonObject
        {
            ["type"] = "parameter.v0",
            ["value"] = "{farm-token.inputs.value}",
            ["inputs"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "string", ["secret"] = true } },
        };
        resources["api"]!["env"]!["Farm__Token"] = "{farm-token.value}";

        var problems = await CompareAsync(resources);

        Assert.Contains(problems, problem => problem.Contains("infra/main.bicep must declare the manifest's parameter 'farm-token'", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("api.tmpl.yaml: 'Farm__Token' holds a secret", StringComparison.Ordinal)
            && problem.Contains("{{ securedParameter \"farm_token\" }}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compare_ExternalTcpEndpoint_IsRejectedAsAzdWould()
    {
        var resources = (await PublishedManifest.GetAsync()).CloneResources();
        resources["silo"]!["bindings"]!["orleans-gateway"]!["external"] = true;

        var problems = await CompareAsync(resources);

        Assert.Contains(problems, problem => problem.Contains("azd rejects external non-HTTP(S) endpoints", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compare_ExecutableResource_IsRejectedAsAzdWould()
    {
        var resources = (await PublishedManifest.GetAsync()).CloneResources();
        resources["redis"]!["type"] = "executable.v0";

        var problems = await CompareAsync(resources);

        Assert.Contains(problems, problem => problem.Contains("'redis' is a executable.v0, which azd rejects", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compare_ReplicasWithoutScaleOut_Fails()
    {
        var model = await AppModelFacts.GetAsync();
        var replicas = model.Replicas.ToDictionary(replica => replica.Key, replica => replica.Value, StringComparer.Ordinal);
        replicas["api"] = 3;   // api.tmpl.yaml runs from 1 replica

        var problems = InfraComparison.Compare(
            new AzdManifest((await PublishedManifest.GetAsync()).CloneResources()), new AppModelFacts(replicas, model.Probes), await InfraFolder.GetAsync());

        Assert.Contains(problems, problem => problem.Contains("api.tmpl.yaml: the model runs 3 replicas", StringComparison.Ordinal));
    }

    private static async Task<List<string>> CompareAsync(JsonObject resources) =>
        InfraComparison.Compare(new AzdManifest(resources), await AppModelFacts.GetAsync(), await InfraFolder.GetAsync());
}
