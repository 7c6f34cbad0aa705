using System.Text.Json;

namespace Platform.Hosting.LocalServers.Tests;

/// <summary>What Aspire's manifest publisher (the input azd deploys from) writes for the local-servers lines.</summary>
public sealed class LocalServersManifestTests
{
    // The resource types azd's Aspire support accepts.
    private static readonly string[] AzdTypes =
        ["container.v0", "container.v1", "project.v0", "project.v1", "parameter.v0", "value.v0", "dockerfile.v0", "azure.bicep.v0", "azure.bicep.v1"];

    [Fact]
    public async Task PublishManifest_RedisPostgresAndDatabase_HoldsOnlyTypesAzdAcceptsAndNoPathOfThisMachine()
    {
        using var timeout = TestBuilders.Timeout(60);
        using var output = new TempFolder("localservers-manifest-");
        var manifestPath = Path.Combine(output.Path, "aspire-manifest.json");
        await using var builder = DistributedApplicationTestingBuilder.Create(["--publisher", "manifest", "--output-path", manifestPath]);
        Assert.True(builder.ExecutionContext.IsPublishMode);
        builder.AddLocalRedis("redis");
        builder.AddLocalPostgres("pg").WithPersistentData().AddDatabase("appdb");

        await using (var app = await builder.BuildAsync(timeout.Token))
        {
            // In publish mode the app writes the manifest and stops by itself.
            await app.RunAsync(timeout.Token);
        }

        var text = await File.ReadAllTextAsync(manifestPath, timeout.Token);
        using var manifest = JsonDocument.Parse(text);
        var resources = manifest.RootElement.GetProperty("resources").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
        foreach (var (name, resource) in resources)
        {
            var type = resource.GetProperty("type").GetString();
            Assert.True(AzdTypes.Contains(type), $"'{name}' is a {type}, which azd rejects");
            Assert.NotEqual("executable.v0", type);
        }

        Assert.StartsWith("container.", resources["redis"].GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("container.", resources["pg"].GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal("{pg.connectionString};Database=appdb", resources["appdb"].GetProperty("connectionString").GetString());
        Assert.Equal("pg-data", Assert.Single(resources["pg"].GetProperty("volumes").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal("parameter.v0", resources["redis-password"].GetProperty("type").GetString());
        Assert.Equal("parameter.v0", resources["pg-password"].GetProperty("type").GetString());

        // Nothing in it names a folder of this machine: it must deploy the same from anywhere.
        string[] machinePaths =
        [
            "/tmp", "/root", "/work", output.Path, Path.GetTempPath().TrimEnd('/'), builder.AppHostDirectory,
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        ];
        foreach (var value in StringsIn(manifest.RootElement))
        {
            foreach (var machinePath in machinePaths)
            {
                Assert.False(value.Contains(machinePath, StringComparison.Ordinal), $"'{value}' names '{machinePath}'");
            }
        }
    }

    private static IEnumerable<string> StringsIn(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(StringsIn),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => StringsIn(p.Value).Prepend(p.Name)),
        _ => [],
    };
}
