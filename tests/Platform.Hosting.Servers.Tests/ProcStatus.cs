namespace Platform.Hosting.Servers.Tests;

/// <summary>Reads what the kernel says about a process, so tests check real processes, not our bookkeeping.</summary>
internal static class ProcStatus
{
    public static bool IsAlive(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
        {
            return false;
        }

        // A killed child that nobody reaped yet is a zombie: not alive for our purposes.
        var state = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("State:", StringComparison.Ordinal)) ?? "";
        return !state.Contains('Z');
    }

    public static uint RealUserId(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        return uint.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    public static async Task WaitUntilGoneAsync(int pid)
    {
        for (var i = 0; i < 100 && IsAlive(pid); i++)
        {
            await Task.Delay(100);
        }
    }
}
