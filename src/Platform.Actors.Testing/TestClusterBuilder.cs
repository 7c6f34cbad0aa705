using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Actors.Testing;

/// <summary>
/// Describes a <see cref="TestCluster"/>: how many silos, their services (membership table, storage) and options.
/// Defaults: 3 silos, an in-memory membership table and in-memory <c>Default</c> grain storage shared by all silos, a
/// random cluster id and secret, and short failure-detection timings (probe every 200 ms, 3 misses, 2 votes).
/// </summary>
public sealed class TestClusterBuilder
{
    private readonly List<Action<IServiceCollection>> _services = [];
    private readonly List<Action<ActorsBuilder>> _silo = [];
    private readonly List<Action<ClusterOptions>> _options = [];

    /// <summary>Silos started by <see cref="TestCluster.StartAsync"/>. Default 3.</summary>
    public int InitialSilosCount { get; set; } = 3;

    /// <summary>The cluster id (<see cref="ActorsOptions.ClusterId"/>); unique per cluster by default.</summary>
    public string ClusterId { get; set; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The shared secret; random by default.</summary>
    public string ClusterSecret { get; set; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Adds services to every silo and to the client (e.g. a PostgreSQL membership table and grain storage, which replace the in-memory ones).</summary>
    public TestClusterBuilder ConfigureServices(Action<IServiceCollection> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _services.Add(configure);
        return this;
    }

    /// <summary>Configures the actor runtime of every silo.</summary>
    public TestClusterBuilder ConfigureSilo(Action<ActorsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _silo.Add(configure);
        return this;
    }

    /// <summary>Changes the cluster options of silos and client (e.g. membership timings).</summary>
    public TestClusterBuilder ConfigureCluster(Action<ClusterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _options.Add(configure);
        return this;
    }

    internal IReadOnlyList<Action<IServiceCollection>> Services => _services;

    internal IReadOnlyList<Action<ActorsBuilder>> Silo => _silo;

    internal void ApplyOptions(ClusterOptions options)
    {
        options.ClusterSecret = ClusterSecret;
        options.SiloPort = 0;
        options.Membership.ProbePeriod = TimeSpan.FromMilliseconds(200);
        options.Membership.ProbeTimeout = TimeSpan.FromMilliseconds(200);
        options.Membership.TableRefreshPeriod = TimeSpan.FromMilliseconds(500);
        options.Membership.IAmAlivePeriod = TimeSpan.FromSeconds(1);
        options.ReconnectDelay = TimeSpan.FromMilliseconds(50);
        options.MaxReconnectDelay = TimeSpan.FromMilliseconds(500);
        foreach (var configure in _options)
        {
            configure(options);
        }
    }
}
