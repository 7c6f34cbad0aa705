using Deploy.Tests.Infrastructure;

namespace Deploy.Tests;

/// <summary>Every .bicep file under infra/ builds and lints with no diagnostic at all, with the compiler from the feed.</summary>
public sealed class BicepTests
{
    public static TheoryData<string> BicepFiles() => new(BicepFileNames());

    private static IEnumerable<string> BicepFileNames() =>
        Directory.EnumerateFiles(InfraFolder.InfraPath, "*.bicep", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(InfraFolder.InfraPath, file))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void InfraFolder_HoldsMainAndResources()
    {
        var files = BicepFileNames().ToList();
        Assert.Contains("main.bicep", files);
        Assert.Contains("resources.bicep", files);
        Assert.True(File.Exists(Path.Combine(InfraFolder.InfraPath, "main.parameters.json")), "infra/main.parameters.json is missing");
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Build_EachBicepFile_SucceedsWithoutDiagnostics(string file)
    {
        var result = await BicepCli.BuildAsync(Path.Combine(InfraFolder.InfraPath, file));

        Assert.True(result.ExitCode == 0, $"bicep build infra/{file} exited {result.ExitCode}:\n{result.Output}");
        Assert.True(result.StandardError.Trim().Length == 0, $"bicep build infra/{file} reported:\n{result.StandardError}");
        Assert.StartsWith("{", result.StandardOutput.TrimStart(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Lint_EachBicepFile_ReportsNoErrorOrWarning(string file)
    {
        // bicep lint exits 0 with warnings: a clean file is one that prints nothing.
        var result = await BicepCli.LintAsync(Path.Combine(InfraFolder.InfraPath, file));

        Assert.True(result.ExitCode == 0, $"bicep lint infra/{file} exited {result.ExitCode}:\n{result.Output}");
        Assert.True(result.Output.Length == 0, $"bicep lint infra/{file} reported:\n{result.Output}");
    }

    [Fact]
    public async Task Lint_FileWithAnUnusedParameter_ReportsIt()
    {
        // The lint test above proves something only if the linter speaks up here.
        var folder = Directory.CreateTempSubdirectory("deploy-tests-bicep-");
        try
        {
            var file = Path.Combine(folder.FullName, "unused.bicep");
            await File.WriteAllTextAsync(file, "param unused string\n");

            var result = await BicepCli.LintAsync(file);

            Assert.Contains("no-unused-params", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
