using System.Text.Json.Nodes;
using Platform.Tests.Shared;

namespace Deploy.Tests.Infrastructure;

/// <summary>
/// What the repository declares for azd: <c>infra/main.bicep</c> (compiled, so its parameters and outputs are read as
/// ARM sees them), <c>infra/main.parameters.json</c>, <c>infra/resources.bicep</c> and the container app templates,
/// which azd reads from the AppHost's folder: <c>AppHost/infra/{resource}.tmpl.yaml</c>.
/// </summary>
internal sealed class InfraFolder
{
    private static readonly Lazy<Task<InfraFolder>> Loaded = new(() => LoadAsync(TestFolders.RepositoryRoot));

    private InfraFolder(JsonObject mainTemplate, JsonObject parameterFile, string resourcesBicep, IReadOnlyList<ContainerAppTemplate> templates)
    {
        MainParameters = mainTemplate["parameters"]?.AsObject() ?? [];
        MainOutputs = (mainTemplate["outputs"]?.AsObject() ?? []).Select(output => output.Key).ToHashSet(StringComparer.Ordinal);
        ParameterFile = parameterFile["parameters"]?.AsObject() ?? [];
        ResourcesBicep = resourcesBicep;
        Templates = templates.ToDictionary(template => template.Name, StringComparer.Ordinal);
    }

    public static string InfraPath => Path.Combine(TestFolders.RepositoryRoot, "infra");

    public static string TemplatesPath => Path.Combine(TestFolders.RepositoryRoot, "AppHost", "infra");

    /// <summary>main.bicep's parameters as compiled: type (<c>securestring</c> for @secure) and metadata (azd's generate).</summary>
    public JsonObject MainParameters { get; }

    public IReadOnlySet<string> MainOutputs { get; }

    /// <summary>main.parameters.json's parameters: how azd fills each main.bicep parameter.</summary>
    public JsonObject ParameterFile { get; }

    public string ResourcesBicep { get; }

    public IReadOnlyDictionary<string, ContainerAppTemplate> Templates { get; }

    public static Task<InfraFolder> GetAsync() => Loaded.Value;

    private static async Task<InfraFolder> LoadAsync(string repository)
    {
        var main = Path.Combine(repository, "infra", "main.bicep");
        var build = await BicepCli.BuildAsync(main);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"infra/main.bicep does not build:\n{build.Output}");
        }

        var parameterFile = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(repository, "infra", "main.parameters.json")))!.AsObject();
        var resources = await File.ReadAllTextAsync(Path.Combine(repository, "infra", "resources.bicep"));
        var templates = Directory.EnumerateFiles(Path.Combine(repository, "AppHost", "infra"), "*.tmpl.yaml")
            .Order(StringComparer.Ordinal)
            .Select(ContainerAppTemplate.Load)
            .ToList();
        return new InfraFolder(JsonNode.Parse(build.StandardOutput)!.AsObject(), parameterFile, resources, templates);
    }
}
