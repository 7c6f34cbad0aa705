using System.Globalization;

namespace Platform.Hosting.Servers;

// One folder per owning process (named after its pid and start time) holding one file per child:
// "{pid} {starttime}[ {folder to delete}]". A folder whose owner is gone belongs to a process that was killed
// before it could stop its children: they are reaped, and their throwaway data deleted. The orchestrator keeps
// one store per AppHost; LocalPostgresServer and LocalRedisServer share one per test process.
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

    public void Write(string resource, int replica, int pid, string? deleteWhenReaped = null)
    {
        Directory.CreateDirectory(_runDirectory);
        var start = ProcStat.GetStartTime(pid) ?? 0;
        var line = FormattableString.Invariant($"{pid} {start}");
        File.WriteAllText(FileOf(resource, replica), deleteWhenReaped is null ? line : $"{line} {deleteWhenReaped}");
    }

    public void Delete(string resource, int replica) => File.Delete(FileOf(resource, replica));

    public void DeleteRunDirectory()
    {
        if (Directory.Exists(_runDirectory))
        {
            Directory.Delete(_runDirectory, recursive: true);
        }
    }

    /// <summary>Kills the children that owners no longer running left behind; returns how many.</summary>
    /// <param name="onReaping">Told the name and pid of each child before it is killed, e.g. to log it.</param>
    /// <param name="cancellationToken">Cancels the wait for killed children to go.</param>
    public async Task<int> ReapAsync(Action<string, int>? onReaping, CancellationToken cancellationToken)
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
                if (!TryParse(File.ReadAllText(file), out var pid, out var start, out var folder))
                {
                    continue;
                }

                if (ProcStat.IsAlive(pid, start))
                {
                    onReaping?.Invoke(Path.GetFileNameWithoutExtension(file), pid);
                    Native.SendSignal(pid, Native.SigKill);
                    for (var i = 0; i < 100 && ProcStat.IsAlive(pid, start); i++)
                    {
                        await Task.Delay(50, cancellationToken);
                    }

                    reaped++;
                }

                if (folder is not null && Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
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

    private static bool TryParse(string text, out int pid, out long start, out string? folder)
    {
        var parts = text.Trim().Split(' ', 3);
        start = 0;
        pid = 0;
        folder = parts.Length == 3 ? parts[2] : null;
        return parts.Length >= 2
               && int.TryParse(parts[0], CultureInfo.InvariantCulture, out pid)
               && long.TryParse(parts[1], CultureInfo.InvariantCulture, out start);
    }

    private string FileOf(string resource, int replica)
        => Path.Combine(_runDirectory, FormattableString.Invariant($"{resource}.{replica}.pid"));
}
