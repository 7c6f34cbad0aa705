using Platform.Actors.Membership;

namespace Platform.Actors.Placement;

/// <summary>
/// Rendezvous (highest-random-weight) hashing over the active silos: every grain goes to the silo with the highest
/// score for (grain, silo). Every process with the same view picks the same silo, so under a stable view each grain has
/// exactly one activation; when a silo joins only the grains it now wins move to it, and when one leaves only its own
/// grains move, spread over the rest.
/// </summary>
internal static class RendezvousPlacement
{
    /// <summary>The owner of <paramref name="grainId"/> among <paramref name="silos"/>, or null when there are none.</summary>
    public static SiloAddress? PickOwner(GrainId grainId, IReadOnlyList<SiloAddress> silos)
    {
        if (silos.Count == 0)
        {
            return null;
        }

        var grainHash = grainId.GetUniformHashCode();
        SiloAddress? best = null;
        ulong bestScore = 0;
        foreach (var silo in silos)
        {
            var score = Mix(((ulong)grainHash << 32) ^ SiloHash(silo));
            if (best is null || score > bestScore)
            {
                best = silo;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>A hash of the silo's endpoint and generation that is the same in every process.</summary>
    public static ulong SiloHash(SiloAddress silo)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in silo.ToString())
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    // SplitMix64 finalizer: spreads the combined key so each silo's scores are independent.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
