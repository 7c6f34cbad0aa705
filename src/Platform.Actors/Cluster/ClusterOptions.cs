namespace Platform.Actors;

/// <summary>
/// Cluster settings of a silo or a cluster client, bound from the <c>Actors</c> section (the same section as
/// <see cref="ActorsOptions"/>, whose <see cref="ActorsOptions.ClusterId"/> names the cluster). In an orchestrated
/// deployment: <c>Actors__SiloPort</c>, <c>Actors__ClusterSecret</c>, <c>Actors__ClusterId</c>.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>
    /// The secret every silo and client of the cluster shares; each connection proves it in both directions (HMAC-SHA256
    /// challenge) before any message is accepted. Required; never logged.
    /// </summary>
    public string? ClusterSecret { get; set; }

    /// <summary>The TCP port the silo listens on for silos and clients; 0 (the default) picks a free port.</summary>
    public int SiloPort { get; set; }

    /// <summary>The address the silo binds and publishes in the membership table. Default <c>127.0.0.1</c>.</summary>
    public string SiloAddress { get; set; } = "127.0.0.1";

    /// <summary>The silo's name in the membership table (e.g. the replica id); default the machine name and port.</summary>
    public string? SiloName { get; set; }

    /// <summary>How long a connection may take to prove the secret. Default 5 seconds.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long opening a connection may take. Default 5 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first wait before reconnecting to a silo that could not be reached; doubles per failure. Default 100 ms.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between reconnect attempts. Default 5 seconds.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Failure detection and membership settings (<c>Actors:Membership</c>).</summary>
    public MembershipOptions Membership { get; set; } = new();

    internal Networking.TransportOptions Transport => new(ConnectTimeout, ReconnectDelay, MaxReconnectDelay);

    internal byte[] RequireKey()
    {
        if (string.IsNullOrEmpty(ClusterSecret))
        {
            throw new InvalidOperationException(
                "Actors:ClusterSecret is not set. Every silo and client of a cluster must share one secret: set Actors__ClusterSecret in the environment (the orchestrator generates one) or ClusterOptions.ClusterSecret.");
        }

        return Networking.Handshake.DeriveKey(ClusterSecret);
    }
}
