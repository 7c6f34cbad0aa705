using Platform.Hosting.Servers;

namespace Platform.Hosting.Tests;

// A process identity that survives pid reuse: pid plus start time from /proc/{pid}/stat.
internal sealed record OsProcess(int Pid, long StartTime)
{
    public static OsProcess Of(int pid) => new(pid, ProcStat.GetStartTime(pid) ?? throw new InvalidOperationException($"Process {pid} does not exist."));

    public bool IsAlive => ProcStat.IsAlive(Pid, StartTime);

    public static IReadOnlyList<OsProcess> ChildrenOf(int parentPid)
        => [.. Directory.GetDirectories("/proc")
            .Select(d => Path.GetFileName(d))
            .Where(n => int.TryParse(n, out _))
            .Select(n => int.Parse(n))
            .Where(pid => ParentOf(pid) == parentPid)
            .Select(pid => new OsProcess(pid, ProcStat.GetStartTime(pid) ?? -1))];

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
