using System.Formats.Tar;
using System.IO.Compression;
using System.Reflection;
using System.Text.Json.Nodes;
using Deploy.Tests.Infrastructure;
using Platform.Tests.Shared;

namespace Deploy.Tests;

/// <summary>
/// The projects azd deploys build their images with the SDK alone (<c>dotnet publish /t:PublishContainer</c>, what azd
/// runs): one port, a user that is not root, Microsoft's ASP.NET Core base image.
/// </summary>
public sealed class ContainerImageTests
{
    private static readonly string Configuration = typeof(ContainerImageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "Configuration").Value!;

    [Fact]
    public async Task DeployedProjects_OptIntoTheSharedContainerSettings()
    {
        var manifest = await PublishedManifest.GetAsync();
        var problems = new List<string>();
        foreach (var (name, resource) in manifest.Resources.Where(resource => resource.Value!["type"]!.GetValue<string>().StartsWith("project.", StringComparison.Ordinal)))
        {
            var project = Path.GetFullPath(Path.Combine(manifest.Folder, resource!["path"]!.GetValue<string>()));
            var relative = Path.GetRelativePath(TestFolders.RepositoryRoot, project);
            var result = await ProcessRunner.RunAsync(
                "dotnet",
                ["msbuild", project, "-getProperty:PublishAsPlatformContainer", "-getProperty:ContainerUser", "-getProperty:ContainerBaseImage", "-getItem:ContainerPort"],
                TestFolders.RepositoryRoot,
                TimeSpan.FromMinutes(2));
            if (result.ExitCode != 0)
            {
                problems.Add($"{relative} does not evaluate:\n{result.Output}");
                continue;
            }

            var evaluated = JsonNode.Parse(result.StandardOutput)!;
            var properties = evaluated["Properties"]!;
            var ports = evaluated["Items"]?["ContainerPort"]?.AsArray().Select(port => port!["Identity"]!.GetValue<string>()).ToList() ?? [];
            if (properties["PublishAsPlatformContainer"]?.GetValue<string>() != "true")
            {
                problems.Add($"'{name}' ({relative}) is deployed by azd: add <PublishAsPlatformContainer>true</PublishAsPlatformContainer> to its first PropertyGroup.");
            }
            else if (properties["ContainerUser"]?.GetValue<string>() is null or "" or "root" or "0" || ports.SequenceEqual(["8080"]) is false)
            {
                problems.Add($"'{name}' ({relative}) must run as a user that is not root and expose only 8080 (it has user '{properties["ContainerUser"]}', ports {string.Join(',', ports)}).");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task PublishContainer_BankSilo_WritesAnImageArchiveWithOnePortAndANonRootUser()
    {
        // mcr.microsoft.com is out of reach here, so the base image comes from a stand-in registry with the real image's
        // configuration and no layers: the archive then holds exactly what the project's settings add.
        using var registry = new StandInRegistry();
        var output = Directory.CreateTempSubdirectory("deploy-tests-image-");
        try
        {
            var archive = Path.Combine(output.FullName, "bank-silo.tar");
            var project = Path.Combine(TestFolders.RepositoryRoot, "src", "Bank.Silo", "Bank.Silo.csproj");
            var result = await ProcessRunner.RunAsync(
                "dotnet",
                [
                    "publish", project, "-c", Configuration, "--no-build", "-nologo", "/t:PublishContainer",
                    $"-p:ContainerBaseImage={registry.BaseImage}", $"-p:ContainerArchiveOutputPath={archive}",
                    $"-p:PublishDir={Path.Combine(output.FullName, "publish")}/",
                ],
                TestFolders.RepositoryRoot,
                TimeSpan.FromMinutes(5));
            Assert.True(result.ExitCode == 0 && File.Exists(archive), $"dotnet publish /t:PublishContainer exited {result.ExitCode}:\n{result.Output}");

            var image = OciArchive.Read(archive);
            var config = image.Config["config"]!;
            Assert.Equal(["8080/tcp"], config["ExposedPorts"]!.AsObject().Select(port => port.Key));
            Assert.Equal("app", config["User"]!.GetValue<string>());
            Assert.Equal("/app", config["WorkingDir"]!.GetValue<string>());
            Assert.Contains(config["Entrypoint"]!.AsArray(), part => part!.GetValue<string>().Contains("Bank.Silo", StringComparison.Ordinal));
            Assert.Contains("app/Bank.Silo.dll", image.Files);
            Assert.Contains("app/Bank.Grains.dll", image.Files);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    /// <summary>An OCI image layout in a tar, as the SDK writes it: its configuration and the files of its layers.</summary>
    private sealed record OciArchive(JsonNode Config, IReadOnlyList<string> Files)
    {
        public static OciArchive Read(string path)
        {
            var blobs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            using (var reader = new TarReader(OpenMaybeCompressed(File.OpenRead(path))))
            {
                while (reader.GetNextEntry() is { } entry)
                {
                    if (entry.DataStream is null)
                    {
                        continue;
                    }

                    using var content = new MemoryStream();
                    entry.DataStream.CopyTo(content);
                    blobs[entry.Name.TrimStart('.', '/')] = content.ToArray();
                }
            }

            JsonNode Blob(string digest) => JsonNode.Parse(blobs["blobs/" + digest.Replace(':', '/')])!;
            var index = JsonNode.Parse(blobs["index.json"])!;
            var manifest = Blob(index["manifests"]![0]!["digest"]!.GetValue<string>());
            var files = new List<string>();
            foreach (var layer in manifest["layers"]!.AsArray())
            {
                var bytes = blobs["blobs/" + layer!["digest"]!.GetValue<string>().Replace(':', '/')];
                using var layerReader = new TarReader(OpenMaybeCompressed(new MemoryStream(bytes)));
                while (layerReader.GetNextEntry() is { } entry)
                {
                    files.Add(entry.Name.TrimStart('.', '/'));
                }
            }

            return new OciArchive(Blob(manifest["config"]!["digest"]!.GetValue<string>()), files);
        }

        private static Stream OpenMaybeCompressed(Stream stream)
        {
            var buffered = new BufferedStream(stream);
            Span<byte> magic = stackalloc byte[2];
            var read = buffered.Read(magic);
            buffered.Seek(0, SeekOrigin.Begin);
            return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(buffered, CompressionMode.Decompress) : buffered;
        }
    }
}
