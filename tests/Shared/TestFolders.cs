namespace Platform.Tests.Shared;

/// <summary>Folders the whole-system tests share: the repository's root and data folders for the AppHost's servers.</summary>
internal static class TestFolders
{
    /// <summary>The folder holding Platform.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>
    /// A new temp folder for <c>LocalServers:DataDirectory</c>. PostgreSQL runs as the postgres user when the tests run
    /// as root, and that user must be able to pass through it (temp folders are created 0700).
    /// </summary>
    public static DirectoryInfo CreateServerData(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix);
        if (!OperatingSystem.IsWindows())
        {
            folder.UnixFileMode |= UnixFileMode.OtherExecute;
        }

        return folder;
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Platform.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Platform.sln above '{AppContext.BaseDirectory}'.");
    }
}
