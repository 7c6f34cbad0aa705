using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Hosting.Servers;

namespace Orleans.Bench;

/// <summary>
/// A silo in a plain host, on real loopback TCP (Orleans' socket transport) with development clustering. The
/// TestingHost's InProcessTestCluster always wires its silos and client with an in-memory transport, so it cannot
/// show what the network costs.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host, IPEndPoint endPoint)
    {
        _host = host;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>The silo's own grain factory: calls made through it start inside the silo, with no gateway hop.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts a silo of cluster <paramref name="clusterId"/>; the first silo of a cluster passes no <paramref name="primary"/>.</summary>
    public static async Task<BenchSilo> StartAsync(string clusterId, Action<ISiloBuilder>? configure = null, BenchSilo? primary = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Errors only: on a loaded 2-core machine Orleans warns of late timers and stalls in every run, between the rows.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        var endPoint = new IPEndPoint(IPAddress.Loopback, FreePort.Next());
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(endPoint.Port, FreePort.Next(), primary?.EndPoint, serviceId: clusterId, clusterId: clusterId);
            configure?.Invoke(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host, endPoint);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
