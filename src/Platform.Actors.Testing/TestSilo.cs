using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Actors.Cluster;
using Platform.Actors.Membership;

namespace Platform.Actors.Testing;

/// <summary>One silo of a <see cref="TestCluster"/>: its own host, DI container and port.</summary>
public sealed class TestSilo
{
    private readonly IHost _host;

    internal TestSilo(string name, IHost host)
    {
        Name = name;
        _host = host;
        SiloAddress = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        Stopped = WatchAsync(host);
    }

    /// <summary>The silo's name (<c>silo-1</c>, ...).</summary>
    public string Name { get; }

    /// <summary>The silo's address in the membership table.</summary>
    public SiloAddress SiloAddress { get; }

    /// <summary>The silo's services (e.g. its <see cref="IGrainFactory"/> for calls made from inside the silo).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>False once the silo was killed or stopped, or stopped itself (declared dead).</summary>
    public bool IsRunning => !Stopped.IsCompleted;

    /// <summary>Completes when the silo's host has stopped, for any reason.</summary>
    public Task Stopped { get; }

    internal IHost Host => _host;

    internal Task KillAsync() => _host.Services.GetRequiredService<ClusterSilo>().KillAsync();

    /// <summary>Returns the silo's name and address.</summary>
    public override string ToString() => $"{Name} ({SiloAddress})";

    // Runs the host's shutdown when something calls StopApplication (e.g. the silo learns it was declared dead).
    private static async Task WatchAsync(IHost host)
    {
        await host.WaitForShutdownAsync();
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }
}
