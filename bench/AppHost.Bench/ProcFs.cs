using System.Globalization;
using System.Runtime.InteropServices;

namespace AppHost.Bench;

/// <summary>One process as /proc shows it.</summary>
internal sealed record ProcInfo(int Pid, int ParentPid, string Name, string CommandLine);

/// <summary>What the bench reads from /proc, and kill(2).</summary>
internal static partial class ProcFs
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    /// <summary>Every live (not zombie) process.</summary>
    public static Dictionary<int, ProcInfo> Snapshot()
    {
        var all = new Dictionary<int, ProcInfo>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                // "pid (comm) state ppid ...": comm may hold spaces, so split around its parentheses.
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var close = stat.LastIndexOf(')');
                var name = stat[(stat.IndexOf('(') + 1)..close];
                var rest = stat[(close + 2)..].Split(' ');
                if (rest[0] == "Z")
                {
                    continue;
                }

                var commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ').Trim();
                all[pid] = new ProcInfo(pid, int.Parse(rest[1], CultureInfo.InvariantCulture), name, commandLine);
            }
            catch (IOException)
            {
                // Gone while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return all;
    }

    /// <summary><paramref name="root"/>'s descendants in <paramref name="all"/> (not itself).</summary>
    public static List<ProcInfo> DescendantsOf(int root, IReadOnlyDictionary<int, ProcInfo> all)
    {
        var children = all.Values.ToLookup(p => p.ParentPid);
        var found = new List<ProcInfo>();
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var pid))
        {
            foreach (var child in children[pid])
            {
                found.Add(child);
                queue.Enqueue(child.Pid);
            }
        }

        return found;
    }

    /// <summary>
    /// What <paramref name="root"/> started: its descendants, plus every DCP that monitors one of them (DCP detaches
    /// from its AppHost, runs under pid 1 and watches it through <c>--monitor {pid}</c>) with DCP's own descendants.
    /// </summary>
    public static List<ProcInfo> TreeOf(int root, IReadOnlyDictionary<int, ProcInfo> all)
    {
        var tree = DescendantsOf(root, all).ToDictionary(p => p.Pid);
        for (var grew = true; grew;)
        {
            grew = false;
            var watchers = new HashSet<int>(tree.Keys) { root };
            foreach (var dcp in all.Values.Where(p => p.Name.StartsWith("dcp", StringComparison.Ordinal) && !tree.ContainsKey(p.Pid)))
            {
                var monitored = MonitoredPid(dcp.CommandLine);
                if (monitored is { } pid && watchers.Contains(pid))
                {
                    tree[dcp.Pid] = dcp;
                    foreach (var child in DescendantsOf(dcp.Pid, all))
                    {
                        tree[child.Pid] = child;
                    }

                    grew = true;
                }
            }
        }

        return [.. tree.Values.OrderBy(p => p.Pid)];
    }

    private static int? MonitoredPid(string commandLine)
    {
        var words = commandLine.Split(' ');
        var at = Array.IndexOf(words, "--monitor");
        return at >= 0 && at + 1 < words.Length && int.TryParse(words[at + 1], CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    /// <summary>Resident set size in KiB (VmRSS), or 0 when the process is gone.</summary>
    public static long RssKiB(int pid) => ReadKiB($"/proc/{pid}/status", "VmRSS:");

    /// <summary>Proportional set size in KiB (shared pages divided among their sharers), or 0 when gone.</summary>
    public static long PssKiB(int pid) => ReadKiB($"/proc/{pid}/smaps_rollup", "Pss:");

    /// <summary>The 1-minute load average.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when it is gone.</summary>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>Waits until none of <paramref name="processes"/> is alive (same pid, same program name), up to <paramref name="timeout"/>; returns those left.</summary>
    public static async Task<List<ProcInfo>> WaitGoneAsync(IReadOnlyCollection<ProcInfo> processes, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var now = Snapshot();
            var left = processes.Where(p => now.TryGetValue(p.Pid, out var q) && q.Name == p.Name).ToList();
            if (left.Count == 0 || DateTime.UtcNow > deadline)
            {
                return left;
            }

            await Task.Delay(200);
        }
    }

    private static long ReadKiB(string file, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // Gone.
        }
        catch (UnauthorizedAccessException)
        {
            // Not readable.
        }

        return 0;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
