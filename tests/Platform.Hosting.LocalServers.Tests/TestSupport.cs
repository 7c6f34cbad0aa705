using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Hosting.LocalServers.Tests;

/// <summary>How a test's AppHost decides between local processes and Aspire's containers.</summary>
public enum HostingMode
{
    /// <summary>A plain run: local processes.</summary>
    Run,

    /// <summary>A run with <c>LocalServers:UseContainers=true</c>.</summary>
    UseContainers,

    /// <summary><c>--operation publish</c>: <c>ExecutionContext.IsPublishMode</c> is true.</summary>
    Publish,
}

internal static class TestBuilders
{
    /// <summary>A testing builder in <paramref name="mode"/>; only the model is inspected, nothing is started.</summary>
    public static IDistributedApplicationTestingBuilder Create(HostingMode mode)
    {
        var builder = mode == HostingMode.Publish
            ? DistributedApplicationTestingBuilder.Create(["--operation", "publish"])
            : DistributedApplicationTestingBuilder.Create();
        if (mode == HostingMode.UseContainers)
        {
            builder.Configuration["LocalServers:UseContainers"] = "true";
        }

        return builder;
    }

    public static CancellationTokenSource Timeout(int seconds = 90) => new(TimeSpan.FromSeconds(seconds));
}

/// <summary>
/// A temp folder for test data, deleted at dispose. PostgreSQL runs as the <c>postgres</c> user when the tests run as
/// root, so the folder is opened to other users for traversal (o+x); its random name keeps it private enough.
/// </summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix);
        if (!OperatingSystem.IsWindows())
        {
            folder.UnixFileMode |= UnixFileMode.OtherExecute;
        }

        Path = folder.FullName;
    }

    public string Path { get; }

    public void Dispose()
    {
        for (var attempt = 1; Directory.Exists(Path); attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // Already gone.
            }
            catch (IOException) when (attempt < 10)
            {
                // A server that is still exiting may write one last file; try again shortly.
                Thread.Sleep(200);
            }
        }
    }
}

/// <summary>One process as /proc shows it, identified by id and start time so a reused id is not mistaken for it.</summary>
internal readonly record struct OsProcess(int Pid, long StartTime, string Name)
{
    public static OsProcess? TryRead(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read around its parentheses.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..stat.LastIndexOf(')')];
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is the state (field 3 of stat); the start time is field 22.
            return fields[0] == "Z" ? null : new OsProcess(pid, long.Parse(fields[19], CultureInfo.InvariantCulture), name);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True while this very process exists and is not a zombie.</summary>
    public bool IsAlive => TryRead(Pid) is { } now && now.StartTime == StartTime;

    /// <summary>Waits up to <paramref name="timeout"/> for the process to go; true when it has.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
        }

        return !IsAlive;
    }

    /// <summary><paramref name="pid"/> and every live process below it.</summary>
    public static IReadOnlyList<OsProcess> TreeOf(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(System.IO.Path.GetFileName(folder), out var id) && ParentOf(id) is { } parent)
            {
                parents[id] = parent;
            }
        }

        var tree = new List<OsProcess>();
        var pending = new Queue<int>([pid]);
        while (pending.TryDequeue(out var next))
        {
            if (TryRead(next) is { } process)
            {
                tree.Add(process);
            }

            foreach (var (child, parent) in parents)
            {
                if (parent == next)
                {
                    pending.Enqueue(child);
                }
            }
        }

        return tree;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

internal static class AppExtensions
{
    /// <summary>
    /// The instance id of the only replica of <paramref name="resource"/>, read from Aspire's notification stream,
    /// which replays the current state of every instance first.
    /// </summary>
    public static async Task<string> InstanceIdOfAsync(this DistributedApplication app, string resource, CancellationToken cancellationToken)
    {
        await foreach (var update in app.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (update.Resource.Name == resource)
            {
                return update.ResourceId;
            }
        }

        throw new InvalidOperationException($"No instance of '{resource}'.");
    }

    /// <summary>The process id DCP reports for <paramref name="resource"/> (snapshot property <c>executable.pid</c>).</summary>
    public static async Task<int> PidOfAsync(this DistributedApplication app, string resource, CancellationToken cancellationToken)
    {
        var instance = await app.InstanceIdOfAsync(resource, cancellationToken);
        if (!app.ResourceNotifications.TryGetCurrentState(instance, out var current)
            || current.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is not { } value
            || !int.TryParse(value.ToString(), CultureInfo.InvariantCulture, out var pid))
        {
            throw new InvalidOperationException($"Aspire reports no process id for '{instance}': is it running?");
        }

        return pid;
    }

    /// <summary>Runs Aspire's own resource command, as the dashboard's buttons do, and fails the test when it fails.</summary>
    public static async Task ExecuteCommandAsync(this DistributedApplication app, string resource, string command, CancellationToken cancellationToken)
    {
        var result = await app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command, cancellationToken);
        Assert.True(result.Success, $"'{command}' on '{resource}' failed: {result.Message}");
    }

    /// <summary>Everything <paramref name="resource"/> logged so far (Aspire's own lines included).</summary>
    public static async Task<string> LogsOfAsync(this DistributedApplication app, string resource, CancellationToken cancellationToken)
    {
        var instance = await app.InstanceIdOfAsync(resource, cancellationToken);
        var lines = new List<string>();
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(instance).WithCancellation(window.Token))
            {
                lines.AddRange(batch.Select(line => line.Content));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The backlog has been read.
        }

        return string.Join('\n', lines);
    }
}
