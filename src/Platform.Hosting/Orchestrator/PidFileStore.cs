using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Platform.Hosting.Orchestrator;

// One folder per AppHost run (named after the AppHost's own pid and start time) holding one file per child:
// "{pid} {starttime}". A run folder whose AppHost is gone belongs to a killed AppHost: its children are reaped.
internal sealed class PidFileStore
{
    private readonly string _runDirectory;
    private readonly string _stateDirectory;

    public PidFileStore(string stateDirectory)
    {
        _stateDirectory = stateDirectory;
        var self = Environment.ProcessId;
        var start = ProcStat.GetStartTime(self) ?? 0;
        _runDirectory = Path.Combine(stateDirectory, FormattableString.Invariant($"run-{self}-{start}"));
    }

    public void Write(string resource, int replica, int pid)
    {
        Directory.CreateDirectory(_runDirectory);
        var start = ProcStat.GetStartTime(pid) ?? 0;
        File.WriteAllText(FileOf(resource, replica), FormattableString.Invariant($"{pid} {start}"));
    }

    public void Delete(string resource, int replica) => File.Delete(FileOf(resource, replica));

    public void DeleteRunDirectory()
    {
        if (Directory.Exists(_runDirectory))
        {
            Directory.Delete(_runDirectory, recursive: true);
        }
    }

    /// <summary>Kills the children that AppHosts no longer running left behind; returns how many.</summary>
    public async Task<int> ReapAsync(ILogger logger, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_stateDirectory))
        {
            return 0;
        }

        var reaped = 0;
        foreach (var run in Directory.GetDirectories(_stateDirectory, "run-*"))
        {
            if (IsOwnerAlive(Path.GetFileName(run)))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(run, "*.pid"))
            {
                if (TryParse(File.ReadAllText(file), out var pid, out var start) && ProcStat.IsAlive(pid, start))
                {
                    Log.ReapingOrphan(logger, Path.GetFileNameWithoutExtension(file), pid);
                    NativeMethods.SendSignal(pid, NativeMethods.SigKill);
                    for (var i = 0; i < 100 && ProcStat.IsAlive(pid, start); i++)
                    {
                        await Task.Delay(50, cancellationToken);
                    }

                    reaped++;
                }
            }

            Directory.Delete(run, recursive: true);
        }

        return reaped;
    }

    private static bool IsOwnerAlive(string runName)
    {
        var parts = runName.Split('-');
        return parts.Length == 3
               && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var pid)
               && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var start)
               && ProcStat.IsAlive(pid, start);
    }

    private static bool TryParse(string text, out int pid, out long start)
    {
        var parts = text.Trim().Split(' ');
        start = 0;
        pid = 0;
        return parts.Length == 2
               && int.TryParse(parts[0], CultureInfo.InvariantCulture, out pid)
               && long.TryParse(parts[1], CultureInfo.InvariantCulture, out start);
    }

    private string FileOf(string resource, int replica)
        => Path.Combine(_runDirectory, FormattableString.Invariant($"{resource}.{replica}.pid"));
}
