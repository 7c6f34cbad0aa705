using System.Runtime.InteropServices;

namespace Platform.Hosting.Servers;

/// <summary>The few libc calls .NET does not expose: signals other than SIGKILL, and the effective user.</summary>
internal static partial class Native
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserIdNative();

    /// <summary>Sends <paramref name="signal"/>; false when the process is gone.</summary>
    public static bool SendSignal(int pid, int signal) => pid > 0 && KillNative(pid, signal) == 0;

    public static uint GetEffectiveUserId() => GetEffectiveUserIdNative();
}
