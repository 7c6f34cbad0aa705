using System.Text.Json.Nodes;
using Deploy.Tests.Infrastructure;
using Platform.Tests.Shared;

namespace Deploy.Tests;

/// <summary>The manifest azd deploys from: only types azd accepts, containers for the servers, nothing of this machine.</summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task Manifest_Published_HoldsOnlyTypesAzdAccepts()
    {
        var manifest = await PublishedManifest.GetAsync();

        foreach (var (name, resource) in manifest.Resources)
        {
            var type = resource!["type"]!.GetValue<string>();
            Assert.True(AzdManifest.AcceptedTypes.Contains(type), $"'{name}' is a {type}, which azd rejects");
        }

        Assert.StartsWith("container.", manifest.Resources["redis"]!["type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("container.", manifest.Resources["postgres"]!["type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("postgres-data", manifest.Resources["postgres"]!["volumes"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Manifest_Published_NamesNoPathOfThisMachine()
    {
        var manifest = await PublishedManifest.GetAsync();
        string[] machinePaths =
        [
            TestFolders.RepositoryRoot, manifest.Folder, Path.GetTempPath().TrimEnd('/'), AppContext.BaseDirectory.TrimEnd('/'),
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            // The folder that holds the checkout (a sibling's path, a tool library or another clone, is this machine's
            // too), unless the checkout sits at the file system's root.
            Path.GetDirectoryName(TestFolders.RepositoryRoot) is { Length: > 1 } parent ? parent + Path.DirectorySeparatorChar : "",
        ];

        foreach (var value in StringsIn(manifest.Resources))
        {
            foreach (var machinePath in machinePaths.Where(path => path.Length > 1))
            {
                Assert.False(value.Contains(machinePath, StringComparison.Ordinal), $"'{value}' names '{machinePath}'");
            }
        }

        // Project paths are relative to the manifest and stay inside the repository.
        foreach (var (name, resource) in manifest.Resources.Where(resource => resource.Value!["path"] is not null))
        {
            var path = resource!["path"]!.GetValue<string>();
            Assert.False(Path.IsPathRooted(path), $"'{name}' has the absolute path '{path}'");
            Assert.StartsWith(TestFolders.RepositoryRoot + Path.DirectorySeparatorChar, Path.GetFullPath(Path.Combine(manifest.Folder, path)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Manifest_Published_KeepsOrleansIdsFixed()
    {
        // Grain state is keyed by the service id: a deployment must never get a new one.
        var manifest = await PublishedManifest.GetAsync();

        foreach (var (name, resource) in manifest.Resources.Where(resource => resource.Value!["env"]?["Orleans__ServiceId"] is not null))
        {
            Assert.DoesNotContain("{", resource!["env"]!["Orleans__ServiceId"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.DoesNotContain("{", resource["env"]!["Orleans__ClusterId"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True(resource["env"]!["Orleans__ServiceId"]!.GetValue<string>().Length > 0, $"'{name}' has an empty Orleans service id");
        }
    }

    private static IEnumerable<string> StringsIn(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        JsonArray array => array.SelectMany(StringsIn),
        JsonObject map => map.SelectMany(property => StringsIn(property.Value).Prepend(property.Key)),
        _ => [],
    };
}
