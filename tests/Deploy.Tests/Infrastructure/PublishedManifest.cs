using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Tests.Shared;

namespace Deploy.Tests.Infrastructure;

/// <summary>
/// The manifest azd deploys from, written by the real AppHost exactly as azd runs it
/// (<c>dotnet AppHost.dll --publisher manifest --output-path …</c>), in a folder under the repository so its project
/// paths are relative as they are when azd writes it beside the AppHost.
/// </summary>
internal sealed class PublishedManifest
{
    private static readonly Lazy<Task<PublishedManifest>> Published = new(PublishAsync);

    private PublishedManifest(string text, string folder)
    {
        Text = text;
        Folder = folder;
        Resources = JsonNode.Parse(text)!["resources"]!.AsObject();
    }

    /// <summary>The manifest as written.</summary>
    public string Text { get; }

    /// <summary>The folder the manifest was written to (its project paths are relative to it).</summary>
    public string Folder { get; }

    /// <summary>The manifest's resources by name.</summary>
    public JsonObject Resources { get; }

    /// <summary>The AppHost's manifest, published once per test run.</summary>
    public static Task<PublishedManifest> GetAsync() => Published.Value;

    /// <summary>A copy of this manifest's resources, for tests that change it to prove the comparison notices.</summary>
    public JsonObject CloneResources() => Resources.DeepClone().AsObject();

    private static async Task<PublishedManifest> PublishAsync()
    {
        var folder = Path.Combine(TestFolders.RepositoryRoot, "artifacts", "deploy-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var manifestPath = Path.Combine(folder, "aspire-manifest.json");
        var appHost = Path.Combine(AppContext.BaseDirectory, "AppHost.dll");
        var result = await ProcessRunner.RunAsync(
            "dotnet", [appHost, "--publisher", "manifest", "--output-path", manifestPath], AppContext.BaseDirectory, TimeSpan.FromMinutes(3));
        if (result.ExitCode != 0 || !File.Exists(manifestPath))
        {
            throw new InvalidOperationException($"The AppHost's manifest publisher exited {result.ExitCode}:\n{result.Output}");
        }

        var text = await File.ReadAllTextAsync(manifestPath);
        using (JsonDocument.Parse(text))
        {
            // Fails here, naming the parse error, if the publisher wrote something that is not JSON.
        }

        return new PublishedManifest(text, folder);
    }
}
