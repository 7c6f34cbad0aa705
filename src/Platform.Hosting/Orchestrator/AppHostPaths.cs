using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Hosting.Orchestrator;

// Where an AppHost keeps things: persistent data volumes and pid files under {AppHost project}/.platform
// (or ~/.platform/{hash of the AppHost's folder} when the project folder is unknown), per-run data in temp.
internal sealed class AppHostPaths
{
    /// <summary>The assembly metadata key build/Platform.Hosting.targets writes into the AppHost.</summary>
    public const string ProjectDirectoryMetadataKey = "PlatformAppHostProjectDirectory";

    private AppHostPaths(string dataRoot, string stateRoot, string runRoot)
    {
        DataRoot = dataRoot;
        StateRoot = stateRoot;
        RunRoot = runRoot;
    }

    public string DataRoot { get; }

    public string StateRoot { get; }

    /// <summary>This run's temporary folder, deleted at stop.</summary>
    public string RunRoot { get; }

    public static string? FindAppHostDirectory(Assembly? appHostAssembly)
        => appHostAssembly?.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == ProjectDirectoryMetadataKey)?.Value is { Length: > 0 } dir && Directory.Exists(dir)
            ? dir
            : null;

    public static AppHostPaths Create(DistributedApplicationOptions options)
    {
        string root;
        if (options.AppHostDirectory is { } appHostDirectory)
        {
            root = Path.Combine(appHostDirectory, ".platform");
        }
        else
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AppContext.BaseDirectory)))[..12];
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".platform", hash);
        }

        var runRoot = Path.Combine(options.TemporaryDirectory ?? Path.GetTempPath(), "platform-run-" + Guid.NewGuid().ToString("N")[..12]);

        // Not Directory.CreateTempSubdirectory: its 0700 mode would lock out the postgres user when we run as root.
        Directory.CreateDirectory(runRoot);
        return new AppHostPaths(
            options.DataDirectory ?? Path.Combine(root, "data"),
            options.StateDirectory ?? Path.Combine(root, "state"),
            runRoot);
    }
}
