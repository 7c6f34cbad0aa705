namespace Platform.Hosting.Servers.Tests;

public sealed class OsBinaryTests
{
    [Fact]
    public void Find_MissingProgram_ThrowsOneLineNamingThePackage()
    {
        var ex = Assert.Throws<MissingBinaryException>(() => OsBinary.Find("no-such-server-7f3a", "no-such-package"));

        Assert.Equal("no-such-server-7f3a not found: apt-get install no-such-package", ex.Message);
        Assert.Equal("no-such-package", ex.Package);
    }

    [Fact]
    public void TryFind_PostgresOutsidePath_FindsTheVersionedBinary()
    {
        var initdb = OsBinary.TryFind("initdb");

        Assert.NotNull(initdb);
        Assert.True(File.Exists(initdb));
    }

    [Fact]
    public void FreePort_Next_IsBindableAndThenInUseWhileHeld()
    {
        var port = FreePort.Next();
        Assert.False(FreePort.IsInUse(port));

        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        listener.Start();
        Assert.True(FreePort.IsInUse(port));
    }
}
