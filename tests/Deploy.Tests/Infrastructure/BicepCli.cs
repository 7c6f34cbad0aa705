using System.Reflection;

namespace Deploy.Tests.Infrastructure;

/// <summary>
/// The Bicep compiler from the <c>Azure.Bicep.CommandLine.linux-x64</c> package, restored like every other package:
/// no download at test time. Its path is written into this assembly at build time (see the project file).
/// </summary>
internal static class BicepCli
{
    private static readonly Lazy<string> ExecutablePath = new(FindExecutable);

    public static string Path => ExecutablePath.Value;

    /// <summary><c>bicep build {file} --stdout</c>: the ARM template on stdout, diagnostics on stderr.</summary>
    public static Task<ProcessResult> BuildAsync(string file) =>
        ProcessRunner.RunAsync(Path, ["build", file, "--stdout"], System.IO.Path.GetDirectoryName(file), TimeSpan.FromMinutes(2));

    /// <summary><c>bicep lint {file}</c>: diagnostics on stderr, exit code 0 even with warnings.</summary>
    public static Task<ProcessResult> LintAsync(string file) =>
        ProcessRunner.RunAsync(Path, ["lint", file], System.IO.Path.GetDirectoryName(file), TimeSpan.FromMinutes(2));

    private static string FindExecutable()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "BicepPath").Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Bicep compiler is not at '{path}': restore tests/Deploy.Tests (it comes from the Azure.Bicep.CommandLine.linux-x64 package; Linux x64 only).");
        }

        // NuGet extracts files without the execute bits on some setups.
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return path;
    }
}
