using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Servers;
using Platform.Hosting.Testing;

namespace Platform.Hosting.Tests;

public sealed class ResourceFailureTests
{
    [Fact]
    public async Task AddExecutable_MissingProgram_FailsWithOneLineReason()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddExecutable("ghost", "platform-no-such-program", ".");
        await using var app = await builder.BuildAsync();
        await app.StartAsync(TestTimeout.Token());

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.WaitForResourceHealthyAsync("ghost", TestTimeout.Token()));

        Assert.Contains("platform-no-such-program not found", error.Message);
        var status = app.ResourceNotifications.GetResource("ghost");
        Assert.Equal(KnownResourceStates.Failed, status.State);
        Assert.DoesNotContain('\n', status.StateDetail!);
    }

    [Fact]
    public void OsBinaryFind_FakeServer_NamesThePackageToInstall()
    {
        var error = Assert.Throws<MissingBinaryException>(() => OsBinary.Find("platform-fake-server", "platform-fake"));

        Assert.Equal("platform-fake-server not found: apt-get install platform-fake", error.Message);
    }

    [Fact]
    public async Task WaitFor_DependencyFails_DependentFailsNamingIt()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var ghost = builder.AddExecutable("ghost", "platform-no-such-program", ".");
        builder.AddExecutable("after", "sleep", ".", "60").WaitFor(ghost);
        await using var app = await builder.BuildAsync();
        await app.StartAsync(TestTimeout.Token());

        var status = await app.ResourceNotifications.WaitForResourceAsync("after", KnownResourceStates.Failed, TestTimeout.Token());

        Assert.Contains("dependency 'ghost' failed", status.StateDetail);
        Assert.DoesNotContain(status.Replicas, r => r.ProcessId is not null);
    }

    [Fact]
    public async Task StartAsync_FixedPortInUse_ThrowsNamingThePort()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.Options.RandomizePorts = false;
        builder.AddExecutable("web", "sleep", ".", "60").WithHttpEndpoint(port: port, env: "PORT");
        await using var app = await builder.BuildAsync();

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync(TestTimeout.Token()));

        Assert.Contains($"Port {port} for 'web' (endpoint 'http') is already in use", error.Message);
    }

    [Fact]
    public async Task StartAsync_DependencyCycle_ThrowsNamingTheCycle()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var a = builder.AddExecutable("a", "sleep", ".", "60");
        var b = builder.AddExecutable("b", "sleep", ".", "60").WaitFor(a);
        a.WaitFor(b);
        await using var app = await builder.BuildAsync();

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync(TestTimeout.Token()));

        Assert.Contains("dependency cycle: a -> b -> a", error.Message);
    }

    [Fact]
    public async Task StartAsync_ProjectDoesNotCompile_ThrowsWithCompilerErrorLines()
    {
        var folder = Path.Combine(Path.GetTempPath(), "platform-broken-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "Broken.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
            await File.WriteAllTextAsync(Path.Combine(folder, "Program.cs"), "int x = \"not a number\";");
            await using var builder = DistributedApplicationTestingBuilder.Create();
            builder.AddProject("broken", Path.Combine(folder, "Broken.csproj"));
            await using var app = await builder.BuildAsync();

            var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync(TestTimeout.Token()));

            Assert.Contains("Building Broken failed", error.Message);
            Assert.Contains("error CS0029", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task WaitForCompletion_JobExitsZero_DependentStartsAndJobIsNotRestarted()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var job = builder.AddExecutable("job", "sh", ".", "-c", "echo migrated");
        builder.AddExecutable("after", "sleep", ".", "60").WaitForCompletion(job);
        await using var app = await builder.BuildAsync();
        await app.StartAsync(TestTimeout.Token());

        var after = await app.WaitForResourceHealthyAsync("after", TestTimeout.Token());

        var jobStatus = app.ResourceNotifications.GetResource("job");
        Assert.Equal(KnownResourceStates.Exited, jobStatus.State);
        Assert.Equal(0, jobStatus.Replicas[0].ExitCode);
        Assert.Equal(0, jobStatus.RestartCount);
        Assert.Contains(app.ResourceLogs.GetLogs("job"), l => l.Text == "migrated");
        Assert.NotNull(after.Replicas[0].ProcessId);
    }

    [Fact]
    public async Task Executable_CrashLoop_IsRestartedWithBackoff()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.Options.InitialRestartDelay = TimeSpan.FromMilliseconds(50);
        builder.AddExecutable("flaky", "sh", ".", "-c", "echo failing >&2; exit 7");
        await using var app = await builder.BuildAsync();
        await app.StartAsync(TestTimeout.Token());

        var status = await app.ResourceNotifications.WaitForResourceAsync("flaky", s => s.RestartCount >= 2, TestTimeout.Token());

        Assert.Equal(7, status.Replicas[0].ExitCode);
        Assert.Contains(app.ResourceLogs.GetLogs("flaky"), l => l.Text == "failing" && l.IsError);
    }

    [Fact]
    public async Task WaitFor_DependencyStaysUnhealthy_ConsoleShowsItsLastOutput()
    {
        var log = new CapturingLoggerProvider();
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.Services.AddSingleton<ILoggerProvider>(log);
        builder.Options.DependencyWarningDelay = TimeSpan.FromSeconds(1);
        var stuck = builder.AddExecutable("stuck", "sh", ".", "-c", "echo still booting; exec sleep 60")
            .WithHttpEndpoint(env: "PORT")
            .WithHttpHealthCheck("/health");
        builder.AddExecutable("after", "sleep", ".", "60").WaitFor(stuck);
        await using var app = await builder.BuildAsync();
        await app.StartAsync(TestTimeout.Token());

        var message = await log.WaitForAsync(m => m.StartsWith("after is still waiting for stuck", StringComparison.Ordinal), TestTimeout.Token());

        Assert.Contains("[stuck] still booting", message);
        Assert.Equal(KnownResourceStates.Waiting, app.ResourceNotifications.GetResource("after").State);
    }
}
