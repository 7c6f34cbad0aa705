using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Platform.Orleans.Security.Tests.Infrastructure;

/// <summary>Orleans test clusters whose silos and client all call <c>UseClusterTls</c>, over real TCP sockets.</summary>
public static class TlsClusters
{
    /// <summary>Starts <paramref name="silos"/> silos whose configuration holds <paramref name="settings"/>.</summary>
    public static async Task<TestCluster> StartAsync(IReadOnlyDictionary<string, string?> settings, short silos = 2)
    {
        var builder = new TestClusterBuilder(silos);
        // TestingHost's default, InMemory, replaces the sockets with in-process pipes; a real deployment uses TCP.
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Options.ConfigureFileLogging = false;
        foreach (var (key, value) in settings)
        {
            builder.Properties[key] = value;
        }

        builder.AddSiloBuilderConfigurator<TlsSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TlsClientConfigurator>();
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Starts silos that all hold <paramref name="certificate"/>.</summary>
    public static Task<TestCluster> StartAsync(string certificate, short silos = 2)
        => StartAsync(new Dictionary<string, string?> { [ClusterCertificate.ConfigurationKey] = certificate }, silos);

    /// <summary>
    /// Starts a client of <paramref name="cluster"/> outside TestingHost, set up by <paramref name="configure"/>, and
    /// returns what its start threw, or null when it connected. The client tries each gateway once: Orleans' default
    /// retry filter would keep a rejected client trying for minutes.
    /// </summary>
    public static async Task<Exception?> TryConnectAsync(TestCluster cluster, Action<IClientBuilder, IConfiguration> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var gateways = cluster.Silos.Select(s => s.GatewayAddress.Endpoint).ToArray();
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(gateways);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.Options.ClusterId;
                o.ServiceId = cluster.Options.ServiceId;
            });
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            configure(client, builder.Configuration);
        });
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var error = await Record.ExceptionAsync(() => host.StartAsync(timeout.Token));
        if (error is null)
        {
            await host.StopAsync(CancellationToken.None);
        }

        return error;
    }
}

public sealed class TlsSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.UseClusterTls(siloBuilder.Configuration);
}

public sealed class TlsClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.UseClusterTls(configuration);
}
