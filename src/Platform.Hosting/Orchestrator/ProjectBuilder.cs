using System.Text;

namespace Platform.Hosting.Orchestrator;

// Builds every project of the model with ONE `dotnet build` (a throwaway .slnx lists them), once per process:
// parallel app models in one test run share the build, and concurrent builds of one project cannot collide.
internal static class ProjectBuilder
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, string> Built = new(StringComparer.Ordinal);

    /// <summary>Returns each project's built assembly path.</summary>
    /// <exception cref="DistributedApplicationException">The build failed; the message carries the compiler's error lines.</exception>
    public static async Task<IReadOnlyDictionary<string, string>> BuildAsync(
        IReadOnlyCollection<string> projectPaths, string configuration, string scratchDirectory, CancellationToken cancellationToken)
    {
        if (projectPaths.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            var toBuild = projectPaths.Distinct().Where(p => !Built.ContainsKey(Key(p, configuration))).ToList();
            if (toBuild.Count > 0)
            {
                await BuildCoreAsync(toBuild, configuration, scratchDirectory, cancellationToken);
                foreach (var project in toBuild)
                {
                    Built[Key(project, configuration)] = await ResolveTargetPathAsync(project, configuration, cancellationToken);
                }
            }

            return projectPaths.Distinct().ToDictionary(p => p, p => Built[Key(p, configuration)]);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static string Key(string project, string configuration) => configuration + "|" + project;

    private static async Task BuildCoreAsync(List<string> projects, string configuration, string scratchDirectory, CancellationToken cancellationToken)
    {
        var target = projects[0];
        if (projects.Count > 1)
        {
            Directory.CreateDirectory(scratchDirectory);
            target = Path.Combine(scratchDirectory, $"projects.{configuration}.slnx");
            var solution = new StringBuilder("<Solution>\n");
            foreach (var project in projects)
            {
                solution.Append("  <Project Path=\"").Append(System.Security.SecurityElement.Escape(project)).Append("\" />\n");
            }

            await File.WriteAllTextAsync(target, solution.Append("</Solution>\n").ToString(), cancellationToken);
        }

        var (exitCode, output) = await DotnetHost.RunAsync(["build", target, "-c", configuration, "-nologo", "-v:q", "-clp:NoSummary", "-nodeReuse:false"], Path.GetDirectoryName(projects[0])!, cancellationToken);
        if (exitCode != 0)
        {
            var errors = output.Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.Contains(": error ", StringComparison.Ordinal))
                .Distinct()
                .Take(20)
                .ToList();
            var names = string.Join(", ", projects.Select(Path.GetFileNameWithoutExtension));
            var detail = errors.Count > 0 ? string.Join(Environment.NewLine, errors) : output.Trim();
            throw new DistributedApplicationException($"Building {names} failed (dotnet build -c {configuration}, exit code {exitCode}):{Environment.NewLine}{detail}");
        }
    }

    private static async Task<string> ResolveTargetPathAsync(string project, string configuration, CancellationToken cancellationToken)
    {
        // The SDK's default layout first; a project that moves its output is asked through MSBuild.
        var name = Path.GetFileNameWithoutExtension(project);
        var bin = Path.Combine(Path.GetDirectoryName(project)!, "bin", configuration);
        if (Directory.Exists(bin))
        {
            var candidate = Directory.GetDirectories(bin)
                .Select(d => Path.Combine(d, name + ".dll"))
                .Where(File.Exists)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault();
            if (candidate is not null)
            {
                return candidate;
            }
        }

        var (exitCode, output) = await DotnetHost.RunAsync(["msbuild", project, "-getProperty:TargetPath", "-p:Configuration=" + configuration, "-nologo"], Path.GetDirectoryName(project)!, cancellationToken);
        var path = output.Trim();
        return exitCode == 0 && File.Exists(path)
            ? path
            : throw new DistributedApplicationException($"Built '{project}' but could not find its assembly (MSBuild TargetPath: '{path}').");
    }
}
