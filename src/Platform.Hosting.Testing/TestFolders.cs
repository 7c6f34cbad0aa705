namespace Platform.Hosting.Testing;

// One temporary folder per test app, holding its data, state and run folders; deleted when the app is disposed.
internal sealed class TestFolders
{
    private TestFolders(string root) => Root = root;

    public string Root { get; }

    public static TestFolders Create()
    {
        // Not CreateTempSubdirectory (mode 0700): as root, PostgreSQL runs as the postgres user and must pass through.
        var root = Path.Combine(Path.GetTempPath(), "platform-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        return new TestFolders(root);
    }

    public void Apply(DistributedApplicationOptions options)
    {
        options.DataDirectory = Path.Combine(Root, "data");
        options.StateDirectory ??= Path.Combine(Root, "state");
        options.TemporaryDirectory = Root;
        options.RandomizePorts = true;
        options.EchoResourceOutput = false;

        // As Aspire's testing builder: no dashboard unless the test opts in (Options.DisableDashboard = false).
        options.DisableDashboard = true;
        options.StopTimeout = TimeSpan.FromSeconds(5);
        options.DependencyWarningDelay = TimeSpan.FromSeconds(20);
    }

    public void Delete()
    {
        try
        {
            if (Directory.Exists(Root))
            {
                Directory.Delete(Root, recursive: true);
            }
        }
        catch (IOException)
        {
            // A straggler file in temp is not worth failing a test for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
