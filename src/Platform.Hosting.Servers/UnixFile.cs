namespace Platform.Hosting.Servers;

/// <summary>Keeps files that hold secrets readable by their owner only.</summary>
internal static class UnixFile
{
    public static void MakePrivate(string path, bool isDirectory = false)
    {
        // Windows has no Unix modes; the servers this library runs are Linux programs anyway.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        File.SetUnixFileMode(path, isDirectory ? mode | UnixFileMode.UserExecute : mode);
    }
}
