using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
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

    /// <summary>
    /// A folder for this run's files of <paramref name="name"/>, deleted when the AppHost stops. One run folder per
    /// builder, so two AppHosts in one process (tests) never share data; created when a server starts.
    /// </summary>
    public static string RunDirectory(IDistributedApplicationBuilder builder, string name)
    {
        var runFolder = builder.Services
            .Where(service => service.ServiceType == typeof(RunFolder) && !service.IsKeyedService)
            .Select(service => service.ImplementationInstance)
            .OfType<RunFolder>()
            .FirstOrDefault();
        if (runFolder is null)
        {
            runFolder = new RunFolder();
            builder.Services.AddSingleton(runFolder);
            // First of the hosted services: the host stops them in reverse order, so the folder goes after Aspire's
            // orchestrator has stopped the servers that write in it. Disposing the host without stopping it (as tests do)
            // disposes it too.
            builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(_ => new RunFolderCleanup(runFolder)));
        }

        return Path.Combine(runFolder.Root, name);
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
    /// Registers the health check <c>{name}_check</c> that <c>WaitFor</c> and the dashboard use: healthy when
    /// <paramref name="isReady"/> says so, else unhealthy with <paramref name="notReady"/>. Returns its key.
    /// </summary>
    public static string AddReadinessCheck(IDistributedApplicationBuilder builder, string name, Func<CancellationToken, Task<bool>> isReady, string notReady)
    {
        var key = $"{name}_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(key, async cancellationToken =>
            await isReady(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(notReady));
        return key;
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
        public string Root { get; } = Path.Combine(Path.GetTempPath(), "localservers-" + Guid.NewGuid().ToString("N")[..12]);
    }

    private sealed class RunFolderCleanup(RunFolder runFolder) : IHostedService, IDisposable
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Delete();
            return Task.CompletedTask;
        }

        public void Dispose() => Delete();

        private void Delete()
        {
            try
            {
                if (Directory.Exists(runFolder.Root))
                {
                    WaitForPostgresToExit(TimeSpan.FromSeconds(10));
                    Directory.Delete(runFolder.Root, recursive: true);
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
        }

        // Stopping a PostgreSQL server (SIGTERM, a "smart" shutdown) waits for its clients to leave, until DCP kills it;
        // until then it writes in its data folder. Its postmaster.pid names it for as long as it runs.
        private void WaitForPostgresToExit(TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline && Directory.EnumerateFiles(runFolder.Root, "postmaster.pid", SearchOption.AllDirectories).Any(IsRunning))
            {
                Thread.Sleep(100);
            }
        }

        private static bool IsRunning(string pidFile)
        {
            try
            {
                if (!int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid))
                {
                    return false;
                }

                using var process = System.Diagnostics.Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // No such file or process any more.
                return false;
            }
        }
    }
}
