using System.Diagnostics;

namespace Platform.Hosting.Servers;

/// <summary>Finds the OS programs that resources run, and installs them when the process may.</summary>
public static class OsBinary
{
    // Debian keeps the PostgreSQL server programs out of PATH, one folder per major version.
    private const string PostgresLibRoot = "/usr/lib/postgresql";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>True when this process runs as root.</summary>
    public static bool IsRoot => Native.GetEffectiveUserId() == 0;

    /// <summary>Returns the full path of <paramref name="binary"/>, or null when it is not installed.</summary>
    public static string? TryFind(string binary)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(binary);

        if (Path.IsPathRooted(binary))
        {
            return File.Exists(binary) ? binary : null;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, binary);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        if (Directory.Exists(PostgresLibRoot))
        {
            // Newest major version first.
            foreach (var versionDir in Directory.GetDirectories(PostgresLibRoot).OrderByDescending(VersionOf))
            {
                var candidate = Path.Combine(versionDir, "bin", binary);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Returns the full path of <paramref name="binary"/>.</summary>
    /// <exception cref="MissingBinaryException">It is not installed; the message names the package.</exception>
    public static string Find(string binary, string package)
        => TryFind(binary) ?? throw new MissingBinaryException(binary, package);

    /// <summary>
    /// Returns the full path of <paramref name="binary"/>, first installing <paramref name="package"/> with
    /// <c>apt-get</c> when it is missing and this process is root or may use <c>sudo</c> without a password.
    /// </summary>
    /// <exception cref="MissingBinaryException">It is missing and could not be installed.</exception>
    public static async Task<string> EnsureAsync(string binary, string package, CancellationToken cancellationToken = default)
    {
        if (TryFind(binary) is { } found)
        {
            return found;
        }

        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            if (TryFind(binary) is { } installedMeanwhile)
            {
                return installedMeanwhile;
            }

            var sudo = IsRoot ? null : TryFind("sudo");
            if (TryFind("apt-get") is null || (!IsRoot && (sudo is null || await RunAsync(sudo, ["-n", "true"], cancellationToken) != 0)))
            {
                throw new MissingBinaryException(binary, package);
            }

            Console.Error.WriteLine($"{binary} not found: installing it (apt-get install -y {package})");
            // Another apt (unattended upgrades on a fresh machine, say) may hold the lock: wait for it rather than fail.
            string[] update = ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-o", "DPkg::Lock::Timeout=600", "update", "-qq"];
            string[] install = ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y", "-qq", "--no-install-recommends", package];
            if (await RunPrivilegedAsync(sudo, update, cancellationToken) != 0
                || await RunPrivilegedAsync(sudo, install, cancellationToken) != 0)
            {
                throw new MissingBinaryException(binary, package, "apt-get failed");
            }

            return TryFind(binary) ?? throw new MissingBinaryException(binary, package, $"installing {package} did not provide it");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static Task<int> RunPrivilegedAsync(string? sudo, string[] command, CancellationToken cancellationToken)
        => sudo is null ? RunAsync(command[0], command[1..], cancellationToken) : RunAsync(sudo, ["-n", .. command], cancellationToken);

    internal static async Task<int> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(cancellationToken), process.StandardError.ReadToEndAsync(cancellationToken));
        await process.WaitForExitAsync(cancellationToken);
        await drain;
        return process.ExitCode;
    }

    private static int VersionOf(string versionDir)
        => int.TryParse(Path.GetFileName(versionDir), out var version) ? version : 0;
}
