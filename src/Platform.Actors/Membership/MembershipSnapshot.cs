using System.Collections.Immutable;

namespace Platform.Actors.Membership;

/// <summary>An immutable view of the cluster read from the membership table: the active silos (placement's domain) and every silo's status.</summary>
internal sealed class MembershipSnapshot
{
    public static MembershipSnapshot Empty { get; } = new(-1, [], ImmutableDictionary<SiloAddress, SiloStatus>.Empty);

    private MembershipSnapshot(long version, ImmutableArray<SiloAddress> active, ImmutableDictionary<SiloAddress, SiloStatus> statuses)
    {
        Version = version;
        Active = active;
        Statuses = statuses;
    }

    public long Version { get; }

    /// <summary>The active silos, in a fixed order.</summary>
    public ImmutableArray<SiloAddress> Active { get; }

    public ImmutableDictionary<SiloAddress, SiloStatus> Statuses { get; }

    public static MembershipSnapshot From(MembershipTableData data)
    {
        var statuses = data.Rows.ToImmutableDictionary(static r => r.Entry.SiloAddress, static r => r.Entry.Status);
        var active = data.Rows.Where(static r => r.Entry.Status == SiloStatus.Active)
            .Select(static r => r.Entry.SiloAddress)
            .OrderBy(static s => s.ToString(), StringComparer.Ordinal)
            .ToImmutableArray();
        return new MembershipSnapshot(data.Version.Version, active, statuses);
    }

    public SiloStatus StatusOf(SiloAddress silo) => Statuses.TryGetValue(silo, out var status) ? status : SiloStatus.None;

    public bool IsDead(SiloAddress silo) => StatusOf(silo) == SiloStatus.Dead;

    /// <summary>True when the two views place grains and mark deaths the same way.</summary>
    public bool SameAs(MembershipSnapshot other) =>
        Active.SequenceEqual(other.Active) && Statuses.Count == other.Statuses.Count && Statuses.All(p => other.StatusOf(p.Key) == p.Value);
}
