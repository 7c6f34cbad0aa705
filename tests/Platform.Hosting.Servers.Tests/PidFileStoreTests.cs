using System.Diagnostics;

namespace Platform.Hosting.Servers.Tests;

public sealed class PidFileStoreTests : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("pidstore-test-");

    [Fact]
    public async Task ReapAsync_OwnerGone_KillsItsChildrenAndDeletesTheirData()
    {
        using var child = StartSleeper();
        var data = Directory.CreateTempSubdirectory("pidstore-data-");
        // An owner that cannot be alive: pid 1 never has start time 0.
        var run = Directory.CreateDirectory(Path.Combine(_state.FullName, "run-1-0"));
        await File.WriteAllTextAsync(Path.Combine(run.FullName, "redis-1234.0.pid"), $"{child.Id} {ProcStat.GetStartTime(child.Id)} {data.FullName}");
        var reported = new List<(string Name, int Pid)>();

        var reaped = await new PidFileStore(_state.FullName).ReapAsync((name, pid) => reported.Add((name, pid)), CancellationToken.None);

        Assert.Equal(1, reaped);
        Assert.True(child.WaitForExit(5_000));
        Assert.Equal([("redis-1234.0", child.Id)], reported);
        Assert.False(Directory.Exists(data.FullName));
        Assert.False(Directory.Exists(run.FullName));
    }

    [Fact]
    public async Task ReapAsync_OwnerAlive_LeavesItsChildrenRunning()
    {
        using var child = StartSleeper();
        try
        {
            var store = new PidFileStore(_state.FullName);
            store.Write("postgres-5555", 0, child.Id);

            var reaped = await new PidFileStore(_state.FullName).ReapAsync(null, CancellationToken.None);

            Assert.Equal(0, reaped);
            Assert.False(child.HasExited);
        }
        finally
        {
            child.Kill();
        }
    }

    [Fact]
    public async Task ReapAsync_PidReusedByAnotherProcess_DoesNotKillIt()
    {
        using var child = StartSleeper();
        try
        {
            var run = Directory.CreateDirectory(Path.Combine(_state.FullName, "run-1-0"));
            // The right pid but another start time: a stranger that reused the number.
            await File.WriteAllTextAsync(Path.Combine(run.FullName, "redis-1.0.pid"), $"{child.Id} 1");

            var reaped = await new PidFileStore(_state.FullName).ReapAsync(null, CancellationToken.None);

            Assert.Equal(0, reaped);
            Assert.False(child.HasExited);
        }
        finally
        {
            child.Kill();
        }
    }

    public void Dispose() => _state.Delete(recursive: true);

    private static Process StartSleeper() => Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
}
