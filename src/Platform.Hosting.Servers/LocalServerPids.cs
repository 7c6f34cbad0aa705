using System.Globalization;

namespace Platform.Hosting.Servers;

/// <summary>
/// Remembers which servers <see cref="LocalPostgresServer"/> and <see cref="LocalRedisServer"/> started, so that a
/// test process killed before it could dispose them (a hang timeout, Ctrl+C twice) leaves nothing running for long:
/// the next process that starts a local server reaps them and deletes their throwaway data.
/// </summary>
internal static class LocalServerPids
{
    private static readonly PidFileStore Store = new(Path.Combine(
        Path.GetTempPath(), "platform-local-servers-" + Native.GetEffectiveUserId().ToString(CultureInfo.InvariantCulture)));

    private static readonly Lazy<Task> Reaped = new(() => Store.ReapAsync(
        static (name, pid) => Console.Error.WriteLine($"Stopped {name} (pid {pid}): a process that ended without stopping it had started it."),
        CancellationToken.None));

    public static Task ReapLeftoversOnceAsync() => Reaped.Value;

    public static void Track(string name, int pid, string? deleteWhenReaped) => Store.Write(name, 0, pid, deleteWhenReaped);

    public static void Untrack(string name) => Store.Delete(name, 0);
}
