using System.Runtime.InteropServices;

namespace Platform.Hosting.Orchestrator;

// Process.Kill only sends SIGKILL; a graceful stop needs SIGTERM/SIGINT, so signals go through libc.
internal static partial class NativeMethods
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>Sends <paramref name="signal"/>; false when the process is gone.</summary>
    public static bool SendSignal(int pid, int signal) => pid > 0 && Kill(pid, signal) == 0;
}
