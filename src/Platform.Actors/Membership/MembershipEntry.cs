namespace Platform.Actors.Membership;

/// <summary>One silo's row in the membership table.</summary>
public sealed record MembershipEntry
{
    /// <summary>The silo's identity (the row key within a cluster).</summary>
    public required SiloAddress SiloAddress { get; init; }

    /// <summary>The silo's status.</summary>
    public required SiloStatus Status { get; init; }

    /// <summary>The silo's name, e.g. the replica id.</summary>
    public string SiloName { get; init; } = "";

    /// <summary>The host the silo runs on.</summary>
    public string HostName { get; init; } = "";

    /// <summary>The port clients connect to (the gateway), or 0 when the silo accepts no clients.</summary>
    public int ProxyPort { get; init; }

    /// <summary>When the silo started.</summary>
    public DateTimeOffset StartTime { get; init; }

    /// <summary>The silo's last heartbeat, written by <see cref="IMembershipTable.UpdateIAmAliveAsync"/>; diagnostic and for cleanup, not for failure detection.</summary>
    public DateTimeOffset IAmAliveTime { get; init; }

    /// <summary>The votes that this silo is unreachable, oldest first.</summary>
    public IReadOnlyList<SuspectVote> SuspectTimes { get; init; } = [];
}
