using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Tests.Shared;

/// <summary>
/// Faults injected into a running AppHost the way they happen to real processes: a replica's process killed with
/// SIGKILL or paused with SIGSTOP, and Aspire's own start command to bring a stopped instance back.
/// </summary>
internal static partial class ResourceFaults
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;

    /// <summary>
    /// The instance ids of <paramref name="resource"/>, one per replica, in a stable order. Aspire's notification stream
    /// replays the latest state of every instance first, so a short look at it finds them all.
    /// </summary>
    public static async Task<IReadOnlyList<string>> InstancesOfAsync(this DistributedApplication app, string resource, CancellationToken cancellationToken)
    {
        var instances = new SortedSet<string>(StringComparer.Ordinal);
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(TimeSpan.FromMilliseconds(500));
        try
        {
            await foreach (var update in app.ResourceNotifications.WatchAsync(window.Token))
            {
                if (update.Resource.Name == resource)
                {
                    instances.Add(update.ResourceId);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The window closed: every instance has been seen.
        }

        return instances.Count > 0 ? [.. instances] : throw new ArgumentException($"The running app has no resource '{resource}'.", nameof(resource));
    }

    /// <summary>
    /// Stops replica <paramref name="replica"/> the way a container platform or Ctrl+C does: SIGTERM to the program under
    /// <c>dotnet run</c>, which shuts down gracefully; waits until Aspire sees it stopped and returns its instance id.
    /// </summary>
    public static async Task<string> TerminateAsync(this DistributedApplication app, string resource, int replica, CancellationToken cancellationToken)
    {
        var instance = (await app.InstancesOfAsync(resource, cancellationToken))[replica];
        foreach (var process in Descendants(app.PidOf(instance)))
        {
            _ = Kill(process, SigTerm);
        }

        await app.WaitForInstanceAsync(instance, state => KnownResourceStates.TerminalStates.Contains(state), cancellationToken);
        return instance;
    }

    /// <summary>
    /// SIGKILLs replica <paramref name="replica"/> of <paramref name="resource"/> and every process under it (a project
    /// runs under <c>dotnet run</c>), waits until Aspire sees it stopped, and returns its instance id.
    /// </summary>
    public static async Task<string> KillAsync(this DistributedApplication app, string resource, int replica, CancellationToken cancellationToken)
    {
        var instance = (await app.InstancesOfAsync(resource, cancellationToken))[replica];
        var pid = app.PidOf(instance);
        foreach (var process in Descendants(pid).Append(pid))
        {
            _ = Kill(process, SigKill);
        }

        await app.WaitForInstanceAsync(instance, state => KnownResourceStates.TerminalStates.Contains(state), cancellationToken);
        return instance;
    }

    /// <summary>
    /// SIGKILLs <paramref name="instance"/>'s process tree, deepest first, and returns <paramref name="clock"/>'s time of
    /// the first signal. The tree is found and opened before the clock is read, and nothing is awaited: a bench measuring
    /// an outage from the kill needs its start sharp, where <see cref="KillAsync"/> first spends half a second finding the
    /// instance.
    /// </summary>
    public static double KillNow(this DistributedApplication app, string instance, Func<double> clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var pid = app.PidOf(instance);
        var tree = Descendants(pid).Append(pid).Select(OpenProcess).OfType<Process>().ToList();
        var killedAt = clock();
        foreach (var process in tree)
        {
            // Process.Kill is SIGKILL on Unix: no shutdown, no goodbye to the cluster, the way a crash ends a silo; deepest
            // first, so the silo itself dies before its `dotnet run`.
            process.Kill();
            process.Dispose();
        }

        return killedAt;
    }

    /// <summary>
    /// Waits until instance <paramref name="instance"/> is in a state <paramref name="isWanted"/> accepts. Aspire's own
    /// waits take a resource's name, which names all its replicas at once; this one takes one replica's instance id.
    /// </summary>
    public static async Task WaitForInstanceAsync(this DistributedApplication app, string instance, Func<string, bool> isWanted, CancellationToken cancellationToken)
    {
        await foreach (var update in app.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (update.ResourceId == instance && update.Snapshot.State?.Text is { } state && isWanted(state))
            {
                return;
            }
        }
    }

    /// <summary>Waits until instance <paramref name="instance"/> runs and every health check of its resource passes.</summary>
    public static async Task WaitForInstanceHealthyAsync(this DistributedApplication app, string instance, CancellationToken cancellationToken)
    {
        await foreach (var update in app.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (update.ResourceId == instance
                && update.Snapshot.State?.Text == KnownResourceStates.Running
                && update.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Waits until a restarted instance serves again. For a project replica Aspire's health is no measure: its check
    /// goes to the resource's endpoint, which DCP's proxy spreads over every replica, so a restarted replica reads
    /// Healthy while the others answer. So the instance's own process (the one alive now: the killed one is gone) must
    /// answer 200 on its own <c>/health</c>, at the address DCP gave it in <c>ASPNETCORE_URLS</c>. An instance that is
    /// not an HTTP project (a server) is serving once Aspire's health says so.
    /// </summary>
    public static async Task WaitForInstanceServingAsync(this DistributedApplication app, string instance, CancellationToken cancellationToken)
    {
        await app.WaitForInstanceHealthyAsync(instance, cancellationToken);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        while (true)
        {
            try
            {
                if (OwnUrl(app.PidOf(instance)) is not { } url)
                {
                    return;
                }

                using var response = await http.GetAsync(new Uri(url, "/health"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException or TaskCanceledException
                && !cancellationToken.IsCancellationRequested)
            {
                // No process yet, the old one's pid still reported, or not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The http address a project process was told to listen on; null for a process that is not a project.</summary>
    private static Uri? OwnUrl(int pid)
    {
        var urls = File.ReadAllText($"/proc/{pid}/environ").Split('\0')
            .FirstOrDefault(v => v.StartsWith("ASPNETCORE_URLS=", StringComparison.Ordinal))?["ASPNETCORE_URLS=".Length..];
        var first = urls?.Split(';').FirstOrDefault(u => u.StartsWith("http://", StringComparison.Ordinal));
        return first is null ? null : new Uri(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
    }

    /// <summary>Starts a stopped instance again through Aspire's own start command, as the dashboard's Start button does.</summary>
    public static async Task StartAsync(this DistributedApplication app, string instance, CancellationToken cancellationToken)
    {
        var commands = app.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(instance, KnownResourceCommands.StartCommand, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"Starting '{instance}' failed: {result.Message}");
        }
    }

    /// <summary>SIGSTOPs replica <paramref name="replica"/> (its whole process tree); dispose the result to SIGCONT it.</summary>
    public static async Task<IDisposable> PauseAsync(this DistributedApplication app, string resource, int replica, CancellationToken cancellationToken)
    {
        var pid = app.PidOf((await app.InstancesOfAsync(resource, cancellationToken))[replica]);
        var processes = Descendants(pid).Append(pid).ToArray();
        foreach (var process in processes)
        {
            _ = Kill(process, SigStop);
        }

        return new Resume(processes);
    }

    /// <summary>The process id Aspire reports for an instance.</summary>
    public static int PidOf(this DistributedApplication app, string instance)
    {
        if (!app.ResourceNotifications.TryGetCurrentState(instance, out var current)
            || current.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is not { } value
            || !int.TryParse(value.ToString(), out var pid))
        {
            throw new InvalidOperationException($"Aspire reports no process id for '{instance}': is it running?");
        }

        return pid;
    }

    /// <summary>Every process below <paramref name="pid"/>, deepest first, read from /proc.</summary>
    public static IEnumerable<int> Descendants(int pid)
    {
        var children = Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, out var id) ? id : -1)
            .Where(id => id > 0)
            .Where(child => ParentOf(child) == pid)
            .ToArray();
        return children.SelectMany(child => Descendants(child).Append(child));
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after its closing ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static Process? OpenProcess(int pid)
    {
        try
        {
            return Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return null; // a short-lived child that is already gone
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private sealed class Resume(int[] processes) : IDisposable
    {
        public void Dispose()
        {
            foreach (var process in processes)
            {
                _ = Kill(process, SigCont);
            }
        }
    }
}
