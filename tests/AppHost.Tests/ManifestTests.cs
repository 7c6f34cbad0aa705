using System.Diagnostics;
using System.Text.Json;
using Platform.Tests.Shared;

namespace AppHost.Tests;

/// <summary>What `dotnet run --project AppHost -- --publisher manifest` writes, the input azd deploys from.</summary>
public sealed class ManifestTests
{
    // The resource types azd's Aspire support accepts.
    private static readonly string[] AzdTypes =
        ["project.v0", "project.v1", "container.v0", "container.v1", "dockerfile.v0", "parameter.v0", "value.v0", "azure.bicep.v0", "azure.bicep.v1"];

    [Fact]
    public async Task Manifest_Published_HoldsOnlyTypesAzdAcceptsAndNoPathOfThisMachine()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var repository = TestFolders.RepositoryRoot;
        var folder = Path.Combine(repository, "artifacts", "manifest-test", Guid.NewGuid().ToString("N"));
        var manifestPath = Path.Combine(folder, "aspire-manifest.json");
        var appHost = Path.Combine(AppContext.BaseDirectory, "AppHost.dll");

        var (exitCode, output) = await RunAsync("dotnet", [appHost, "--publisher", "manifest", "--output-path", manifestPath], timeout.Token);
        Assert.True(exitCode == 0, $"the publisher exited {exitCode}:\n{output}");

        var text = await File.ReadAllTextAsync(manifestPath, timeout.Token);
        using var manifest = JsonDocument.Parse(text);
        var resources = manifest.RootElement.GetProperty("resources").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
        foreach (var (name, resource) in resources)
        {
            Assert.True(AzdTypes.Contains(resource.GetProperty("type").GetString()), $"'{name}' is a {resource.GetProperty("type")}, which azd rejects");
        }

        // The same lines of Program.cs publish containers where they run local processes.
        Assert.Equal("container.v0", resources["redis"].GetProperty("type").GetString());
        Assert.Equal("container.v0", resources["postgres"].GetProperty("type").GetString());
        Assert.Equal("{postgres.connectionString};Database=bankdb", resources["bankdb"].GetProperty("connectionString").GetString());
        Assert.Equal("postgres-data", resources["postgres"].GetProperty("volumes")[0].GetProperty("name").GetString());

        // Project paths are relative and stay inside the repository; nothing names a folder of this machine.
        foreach (var project in resources.Values.Where(r => r.TryGetProperty("path", out _)))
        {
            var path = project.GetProperty("path").GetString()!;
            Assert.False(Path.IsPathRooted(path), $"'{path}' is absolute");
            Assert.StartsWith(repository + Path.DirectorySeparatorChar, Path.GetFullPath(Path.Combine(folder, path)), StringComparison.Ordinal);
        }

        foreach (var machinePath in new[] { repository, Path.GetTempPath().TrimEnd('/'), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) })
        {
            Assert.DoesNotContain(machinePath, text, StringComparison.Ordinal);
        }

        Directory.Delete(folder, recursive: true);
    }


    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(cancellationToken), process.StandardError.ReadToEndAsync(cancellationToken));
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, string.Join('\n', await output));
    }
}
