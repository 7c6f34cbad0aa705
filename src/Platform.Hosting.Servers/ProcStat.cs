using System.Globalization;

namespace Platform.Hosting.Servers;

// Reads /proc/{pid}/stat. The start time (field 22, clock ticks since boot) tells a process apart from a later
// one that reused its pid, so a pid file never makes us kill a stranger.
internal static class ProcStat
{
    public static long? GetStartTime(int pid) => Read(pid) is { } fields ? long.Parse(fields[19], CultureInfo.InvariantCulture) : null;

    /// <summary>True when <paramref name="pid"/> runs (not a zombie) and started at <paramref name="startTime"/>.</summary>
    public static bool IsAlive(int pid, long startTime)
        => Read(pid) is { } fields && fields[0] is not ("Z" or "X" or "x") && long.Parse(fields[19], CultureInfo.InvariantCulture) == startTime;

    // Fields from the third on: the command name (field 2) may hold spaces and parentheses, so split after its last ')'.
    private static string[]? Read(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var end = text.LastIndexOf(')');
            var fields = text[(end + 2)..].Split(' ');
            return fields.Length > 19 ? fields : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
