using Deploy.Tests.Infrastructure;
using Platform.Tests.Shared;

namespace Deploy.Tests;

/// <summary>The container app templates in AppHost/infra/, each on its own: YAML once azd renders it, known references only.</summary>
public sealed class ContainerAppTemplateTests
{
    public static TheoryData<string> Templates() => new(TemplateFiles());

    private static IEnumerable<string> TemplateFiles() =>
        Directory.EnumerateFiles(InfraFolder.TemplatesPath, "*.tmpl.yaml").Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_RenderedAsAzdDoes_ParsesAsYamlWithNumbersWhereContainerAppsWantThem(string file)
    {
        var template = ContainerAppTemplate.Load(Path.Combine(InfraFolder.TemplatesPath, file));

        Assert.True(template.Problems.Count == 0, string.Join("\n", template.Problems));
        var properties = template.Rendered["properties"];
        var ingress = properties["configuration"]["ingress"];
        Assert.True(ingress.IsMissing || ingress["targetPort"].AsInt() is > 0, $"{file}: ingress.targetPort is not a port number once rendered");
        Assert.All(ingress["additionalPortMappings"].Items, mapping => Assert.True(mapping["targetPort"].AsInt() is > 0, $"{file}: an additional port is not a number"));
        var container = Assert.Single(properties["template"]["containers"].Items);
        Assert.All(container["probes"].Items, probe =>
            Assert.True((probe["httpGet"]["port"].AsInt() ?? probe["tcpSocket"]["port"].AsInt()) is > 0, $"{file}: a probe has no port number"));
        Assert.False(container["resources"]["cpu"].IsMissing, $"{file}: give the container resources (cpu, memory)");
        Assert.NotNull(properties["template"]["scale"]["minReplicas"].AsInt());
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Template_ReferencesOnlyParametersAndOutputsThatExist(string file)
    {
        var infra = await InfraFolder.GetAsync();
        var template = infra.Templates[file[..^".tmpl.yaml".Length]];

        foreach (var parameter in template.SecuredParameters.Concat(template.Parameters))
        {
            Assert.True(infra.MainParameters[parameter] is not null, $"{file} reads the parameter '{parameter}', which infra/main.bicep does not declare");
        }

        foreach (var value in template.EnvironmentValues)
        {
            Assert.True(infra.MainOutputs.Contains(value) || value.StartsWith("AZURE_", StringComparison.Ordinal) && !value.Contains("CONTAINER", StringComparison.Ordinal),
                $"{file} reads .Env.{value}, which infra/main.bicep does not output");
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_KeepsSecretsOutOfPlainValues(string file)
    {
        var template = ContainerAppTemplate.Load(Path.Combine(InfraFolder.TemplatesPath, file));
        var environment = template.Root["properties"]["template"]["containers"].Items.SelectMany(container => container["env"].Items);

        foreach (var variable in environment)
        {
            Assert.DoesNotContain("securedParameter", template.Restore(variable["value"].Scalar) ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Templates_OnlyTheTwoApisAreExternal()
    {
        // The bank's and the render farm's HTTP APIs; silos, Redis and PostgreSQL stay inside the environment.
        var external = TemplateFiles()
            .Select(file => ContainerAppTemplate.Load(Path.Combine(InfraFolder.TemplatesPath, file)))
            .Where(template => template.Rendered["properties"]["configuration"]["ingress"]["external"].AsBool() == true)
            .Select(template => template.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(["api", "farm"], external);
    }

    [Fact]
    public void AzureYaml_DeploysTheAppHostAsAnAspireApp()
    {
        var text = File.ReadAllText(Path.Combine(TestFolders.RepositoryRoot, "azure.yaml"));
        var root = YamlNode.From(new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<object?>(text));
        var service = Assert.Single(root["services"].Keys);

        var app = root["services"][service];
        Assert.Equal("dotnet", app["language"].Scalar);
        Assert.Equal("containerapp", app["host"].Scalar);
        var project = Path.GetFullPath(Path.Combine(TestFolders.RepositoryRoot, app["project"].Scalar!));
        Assert.Equal(Path.Combine(TestFolders.RepositoryRoot, "AppHost", "AppHost.csproj"), project);
    }
}
