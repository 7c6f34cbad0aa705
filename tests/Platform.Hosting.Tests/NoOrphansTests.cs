using System.Diagnostics;
using Platform.Hosting.Orchestrator;
using Platform.Hosting.Servers;
using Platform.Hosting.Testing;

namespace Platform.Hosting.Tests;

public sealed class NoOrphansTests
{
    [Fact]
    public async Task DisposeAsync_StartedApp_LeavesNoChildProcess()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("cache");
        builder.AddPostgres("pg");
        builder.AddExecutable("sleeper", "sleep", ".", "600");
        builder.AddProject<Projects.EnvReporter>("api").WithReplicas(2).WithHttpHealthCheck();
        var app = await builder.BuildAsync();
        await app.StartAsync(TestTimeout.Token());
        foreach (var name in new[] { "cache", "pg", "sleeper", "api" })
        {
            await app.WaitForResourceHealthyAsync(name, TestTimeout.Token());
        }

        var processes = app.ResourceNotifications.GetResources()
            .SelectMany(s => s.Replicas)
            .Select(r => OsProcess.Of(r.ProcessId!.Value))
            .ToList();
        var postgresChildren = OsProcess.ChildrenOf(app.ResourceNotifications.GetResource("pg").Replicas[0].ProcessId!.Value);
        Assert.Equal(5, processes.Count);
        Assert.All(processes, p => Assert.True(p.IsAlive));
        Assert.NotEmpty(postgresChildren);

        await app.DisposeAsync();

        Assert.All(processes.Concat(postgresChildren), p => Assert.False(p.IsAlive, $"process {p.Pid} outlived the app"));
    }

    [Fact]
    public async Task SigTerm_RunningAppHost_StopsEveryChildAndExitsCleanly()
    {
        var root = NewRoot();
        try
        {
            var state = Path.Combine(root, "state");
            var (host, children) = await StartAppHostLikeProcessAsync(state, root);
            using (host)
            {
                Native.SendSignal(host.Id, Native.SigTerm);
                await host.WaitForExitAsync(TestTimeout.Token());

                Assert.Equal(0, host.ExitCode);
                Assert.All(children, p => Assert.False(p.IsAlive, $"child {p.Pid} outlived its AppHost"));
                Assert.Empty(Directory.GetDirectories(state, "run-*"));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_AfterAppHostWasKilled_ReapsItsLeftoverProcesses()
    {
        var root = NewRoot();
        try
        {
            // A real AppHost process starts children, then dies by SIGKILL without stopping them.
            var state = Path.Combine(root, "state");
            var (host, leftovers) = await StartAppHostLikeProcessAsync(state, root);
            var hostPid = host.Id;
            using (host)
            {
                host.Kill();
                await host.WaitForExitAsync(TestTimeout.Token());
            }

            Assert.All(leftovers, p => Assert.True(p.IsAlive, $"child {p.Pid} should outlive its killed AppHost"));

            // The next AppHost with the same state folder reaps them before it starts anything.
            await using var builder = DistributedApplicationTestingBuilder.Create();
            builder.Options.StateDirectory = state;
            builder.AddExecutable("sleeper", "sleep", ".", "600");
            await using var app = await builder.BuildAsync();
            await app.StartAsync(TestTimeout.Token());

            Assert.All(leftovers, p => Assert.False(p.IsAlive, $"leftover {p.Pid} was not reaped"));
            Assert.DoesNotContain(Directory.GetDirectories(state), d => Path.GetFileName(d).StartsWith($"run-{hostPid}-", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string NewRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "platform-orphans-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        return root;
    }

    // Runs tests/TestAssets/OrphanHost (two sleepers and a Redis) until it reports every child healthy.
    private static async Task<(Process Host, IReadOnlyList<OsProcess> Children)> StartAppHostLikeProcessAsync(string state, string root)
    {
        var hostAssembly = BuiltAlongsideTests(new Projects.OrphanHost().ProjectPath);
        var host = Process.Start(new ProcessStartInfo(DotnetHost.Path, [hostAssembly, state, root]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string? line;
        while ((line = await host.StandardOutput.ReadLineAsync(TestTimeout.Token())) is not null && line != "ready")
        {
        }

        Assert.Equal("ready", line);
        _ = host.StandardOutput.ReadToEndAsync();
        _ = host.StandardError.ReadToEndAsync();
        var children = Directory.GetFiles(state, "*.pid", SearchOption.AllDirectories)
            .Select(f => OsProcess.Of(int.Parse(File.ReadAllText(f).Split(' ')[0])))
            .ToList();
        Assert.Equal(3, children.Count);
        Assert.All(children, p => Assert.True(p.IsAlive));
        return (host, children);
    }

    // The test project references the asset, so it was built with the tests, in the same configuration.
    private static string BuiltAlongsideTests(string projectPath)
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var path = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", tfm.Parent!.Name, tfm.Name, Path.GetFileNameWithoutExtension(projectPath) + ".dll");
        Assert.True(File.Exists(path), $"{path} is missing: build the test project");
        return path;
    }
}
