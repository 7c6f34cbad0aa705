using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Actors.Membership;
using Platform.Actors.Storage;

namespace Platform.Actors.Testing;

/// <summary>
/// A cluster of silos in one process, each with its own host, DI container and port, plus a cluster client, for fault
/// tests in a few lines.
/// </summary>
/// <example>
/// <code>
/// await using var cluster = await TestCluster.StartAsync();
/// await cluster.Client.GetGrain&lt;ICounterGrain&gt;("a").IncrementAsync();
/// await cluster.KillSiloAsync(cluster.Silos[0]);
/// await cluster.WaitForLivenessToStabilizeAsync();
/// </code>
/// </example>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterBuilder _builder;
    private readonly InMemoryMembershipTable _membership = new();
    private readonly InMemoryGrainStorage _storage = new();
    private readonly List<TestSilo> _silos = [];
    private readonly Lock _lock = new();
    private IHost? _client;
    private int _siloCount;

    private TestCluster(TestClusterBuilder builder)
    {
        _builder = builder;
    }

    /// <summary>The silos that are running (killed, stopped and self-stopped silos drop out).</summary>
    public IReadOnlyList<TestSilo> Silos
    {
        get
        {
            lock (_lock)
            {
                return [.. _silos.Where(static s => s.IsRunning)];
            }
        }
    }

    /// <summary>The cluster client (a separate host, as a frontend would be).</summary>
    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>() ?? throw new InvalidOperationException("The test cluster has not started.");

    /// <summary>The membership table the client reads (the silos share it).</summary>
    public IMembershipTable MembershipTable => _client?.Services.GetRequiredService<IMembershipTable>() ?? throw new InvalidOperationException("The test cluster has not started.");

    /// <summary>The cluster secret (e.g. to open a raw connection in a test).</summary>
    public string ClusterSecret => _builder.ClusterSecret;

    /// <summary>The cluster id.</summary>
    public string ClusterId => _builder.ClusterId;

    /// <summary>Starts <see cref="TestClusterBuilder.InitialSilosCount"/> silos and a client, and waits until all silos are active.</summary>
    public static async Task<TestCluster> StartAsync(Action<TestClusterBuilder>? configure = null)
    {
        var builder = new TestClusterBuilder();
        configure?.Invoke(builder);
        var cluster = new TestCluster(builder);
        try
        {
            for (var i = 0; i < builder.InitialSilosCount; i++)
            {
                await cluster.StartAdditionalSiloAsync();
            }

            var client = cluster.CreateBuilder();
            client.Services.AddActorsClient(builder.ApplyOptions);
            cluster._client = client.Build();
            await cluster._client.StartAsync();
            await cluster.WaitForLivenessToStabilizeAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo and returns it once it has joined as active.</summary>
    public async Task<TestSilo> StartAdditionalSiloAsync()
    {
        var name = $"silo-{Interlocked.Increment(ref _siloCount)}";
        var builder = CreateBuilder();
        builder.Services.AddActors(actors =>
        {
            actors.UseCluster(options =>
            {
                _builder.ApplyOptions(options);
                options.SiloName = name;
            });
            foreach (var configure in _builder.Silo)
            {
                configure(actors);
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        var silo = new TestSilo(name, host);
        lock (_lock)
        {
            _silos.Add(silo);
        }

        return silo;
    }

    /// <summary>Kills a silo abruptly: sockets reset, no more probes or heartbeats, nothing written to the membership table. Peers must detect it.</summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        EnsureMember(silo);
        await silo.KillAsync();
        silo.Host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await silo.Stopped;
    }

    /// <summary>Stops a silo gracefully: it marks itself ShuttingDown, then Dead, and deactivates its grains.</summary>
    public async Task StopSiloAsync(TestSilo silo)
    {
        EnsureMember(silo);
        silo.Host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await silo.Stopped;
    }

    /// <summary>Stops a silo gracefully and starts a new one in its place (a new port and generation).</summary>
    public async Task<TestSilo> RestartSiloAsync(TestSilo silo)
    {
        await StopSiloAsync(silo);
        return await StartAdditionalSiloAsync();
    }

    /// <summary>
    /// Waits until the membership table lists exactly the running silos as active and every running silo and the client
    /// see that view. Fails with a <see cref="TimeoutException"/> describing the views after <paramref name="timeout"/> (default 30 s).
    /// </summary>
    public async Task WaitForLivenessToStabilizeAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        using var cts = new CancellationTokenSource(limit);
        var description = "";
        while (true)
        {
            var running = Silos.Select(static s => s.SiloAddress).OrderBy(static a => a.ToString(), StringComparer.Ordinal).ToArray();
            var data = await MembershipTable.ReadAllAsync(CancellationToken.None);
            var active = data.Rows.Where(static r => r.Entry.Status == SiloStatus.Active).Select(static r => r.Entry.SiloAddress)
                .OrderBy(static a => a.ToString(), StringComparer.Ordinal).ToArray();
            var views = Silos.Select(s => s.Services.GetRequiredService<MembershipView>().Current.Active)
                .Append(_client!.Services.GetRequiredService<MembershipView>().Current.Active).ToArray();
            if (active.SequenceEqual(running) && views.All(v => v.SequenceEqual(running)))
            {
                return;
            }

            description = $"running [{string.Join(", ", running.Select(static a => a.ToString()))}], active in table [{string.Join(", ", active.Select(static a => a.ToString()))}]";
            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"The test cluster's membership did not stabilize within {limit.TotalSeconds:0.#} s: {description}.");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>Stops the client and every running silo (gracefully).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            await ((IAsyncDisposable)_client).DisposeAsync();
            _client = null;
        }

        foreach (var silo in Silos)
        {
            await StopSiloAsync(silo);
        }
    }

    private void EnsureMember(TestSilo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        lock (_lock)
        {
            if (!_silos.Contains(silo))
            {
                throw new ArgumentException($"Silo {silo} does not belong to test cluster '{ClusterId}'.", nameof(silo));
            }
        }
    }

    private HostApplicationBuilder CreateBuilder()
    {
        // No defaults: the tests' environment variables and appsettings must not leak into the cluster.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });
        builder.Services.AddLogging();
        builder.Services.Configure<HostOptions>(static o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddInMemoryMembershipTable(_membership);
        builder.Services.AddKeyedSingleton<IGrainStorage>(PersistentStateAttribute.DefaultStorageName, _storage);
        builder.Services.Configure<ActorsOptions>(o => o.ClusterId = _builder.ClusterId);
        foreach (var configure in _builder.Services)
        {
            configure(builder.Services);
        }

        return builder;
    }
}
