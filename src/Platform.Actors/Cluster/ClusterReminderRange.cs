using Platform.Actors.Membership;
using Platform.Actors.Placement;
using Platform.Actors.Reminders;

namespace Platform.Actors.Cluster;

/// <summary>
/// Each silo fires the reminders of the grains it owns under the current view (ownership filtering over the whole
/// table, since rendezvous placement has no contiguous ranges). Refreshed by <see cref="ClusterSilo"/> on view changes.
/// </summary>
internal sealed class ClusterReminderRange(MembershipView view, LocalSiloDetails local) : IReminderRangeProvider
{
    public (uint Begin, uint End) Range => (0, 0);

    public bool Owns(GrainId grainId) =>
        local.AddressOrNull is { } self && RendezvousPlacement.PickOwner(grainId, view.Current.Active) == self;
}
