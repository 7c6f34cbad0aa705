using System.Net;
using Platform.Actors.Membership;
using Platform.Actors.Placement;

namespace Platform.Actors.Tests.Cluster;

public sealed class RendezvousPlacementTests
{
    private static readonly GrainId[] Grains = [.. Enumerable.Range(0, 5000).Select(i => new GrainId("account", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))];

    [Fact]
    public void PickOwner_SameViewInAnyOrder_SameOwner()
    {
        var silos = Silos(4);

        foreach (var grain in Grains.Take(500))
        {
            Assert.Equal(RendezvousPlacement.PickOwner(grain, silos), RendezvousPlacement.PickOwner(grain, [.. silos.Reverse()]));
        }
    }

    [Fact]
    public void PickOwner_FourSilos_EachGetsAFairShare()
    {
        var silos = Silos(4);

        var counts = Grains.GroupBy(g => RendezvousPlacement.PickOwner(g, silos)).Select(g => g.Count()).ToArray();

        Assert.Equal(4, counts.Length);
        Assert.All(counts, c => Assert.InRange(c, 1000, 1500));
    }

    [Fact]
    public void PickOwner_SiloLeaves_OnlyItsGrainsMove()
    {
        var silos = Silos(4);
        var remaining = silos.Where((_, i) => i != 2).ToArray();

        foreach (var grain in Grains)
        {
            var before = RendezvousPlacement.PickOwner(grain, silos);
            var after = RendezvousPlacement.PickOwner(grain, remaining);
            if (before != silos[2])
            {
                Assert.Equal(before, after);
            }
        }
    }

    [Fact]
    public void PickOwner_SiloJoins_GrainsMoveOnlyToIt()
    {
        var silos = Silos(4);
        var grown = Silos(5);

        foreach (var grain in Grains)
        {
            var after = RendezvousPlacement.PickOwner(grain, grown);
            Assert.True(after == grown[4] || after == RendezvousPlacement.PickOwner(grain, silos));
        }
    }

    [Fact]
    public void PickOwner_SamePortNewGeneration_IsADifferentSilo()
    {
        var old = new SiloAddress(new IPEndPoint(IPAddress.Loopback, 30000), 1);
        var restarted = old with { Generation = 2 };

        Assert.NotEqual(old, restarted);
        Assert.NotEqual(RendezvousPlacement.SiloHash(old), RendezvousPlacement.SiloHash(restarted));
    }

    private static SiloAddress[] Silos(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new SiloAddress(new IPEndPoint(IPAddress.Loopback, 30000 + i), 100))];
}
