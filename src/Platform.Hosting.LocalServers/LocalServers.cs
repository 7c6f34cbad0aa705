using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.Hosting.Servers;

namespace Aspire.Hosting;

/// <summary>What the local-servers resources share: where they keep files and when Aspire's containers are used instead.</summary>
internal static class LocalServers
{
    /// <summary>Configuration key: <c>true</c> runs Aspire's Redis and PostgreSQL containers locally too (needs a container engine).</summary>
    public const string UseContainersKey = "LocalServers:UseContainers";

    /// <summary>Configuration key: the folder under which persistent data lives (default <c>{AppHost}/.localservers</c>).</summary>
    public const string DataDirectoryKey = "LocalServers:DataDirectory";

    /// <summary>Configuration key: <c>true</c> deletes the persistent data of every local server before it starts.</summary>
    public const string ResetDataKey = "LocalServers:ResetData";

    /// <summary>Publishing always yields containers: a deployment target has no OS packages to run.</summary>
    public static bool UseContainers(IDistributedApplicationBuilder builder) =>
        builder.ExecutionContext.IsPublishMode || builder.Configuration.GetValue<bool>(UseContainersKey);

    /// <summary>A folder for this run's files of <paramref name="name"/>, deleted when the AppHost stops.</summary>
    public static string RunDirectory(IDistributedApplicationBuilder builder, string name)
    {
        builder.Services.TryAddSingleton<RunFolder>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RunFolderCleanup>());
        var folder = Path.Combine(RunFolder.Root, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The persistent data folder of <paramref name="name"/>, read when the server starts so tests can redirect it.</summary>
    public static string PersistentDirectory(IConfiguration configuration, string appHostDirectory, string name)
    {
        var root = configuration[DataDirectoryKey] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, appHostDirectory)
            : Path.Combine(appHostDirectory, ".localservers");
        return Path.Combine(root, name);
    }

    /// <summary>
    /// Finds <paramref name="binary"/>, installing <paramref name="package"/> with apt-get when this process may.
    /// Returns null when it cannot be had; the resource then fails at start with a message naming the package.
    /// </summary>
    public static string? TryEnsureBinary(string binary, string package)
    {
        try
        {
            return OsBinary.EnsureAsync(binary, package).GetAwaiter().GetResult();
        }
        catch (MissingBinaryException)
        {
            return null;
        }
    }

    /// <summary>One folder per AppHost run, in temp, shared by its local servers.</summary>
    private sealed class RunFolder
    {
        public static readonly string Root = Path.Combine(Path.GetTempPath(), "localservers-" + Guid.NewGuid().ToString("N")[..12]);
    }

    private sealed class RunFolderCleanup : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            try
            {
                if (Directory.Exists(RunFolder.Root))
                {
                    Directory.Delete(RunFolder.Root, recursive: true);
                }
            }
            catch (IOException)
            {
                // A server still writing as it exits may race the delete; the folder is in temp, so the OS reclaims it.
            }
            catch (UnauthorizedAccessException)
            {
                // Same as above: leftovers in temp are harmless.
            }

            return Task.CompletedTask;
        }
    }
}
