namespace Platform.Actors;

/// <summary>
/// Failure detection and membership settings, bound from <c>Actors:Membership</c> (e.g. <c>Actors__Membership__ProbePeriod=00:00:01</c>).
/// Defaults follow Orleans: probe every 5 s, a silo missing 3 probes in a row is suspected, 2 votes declare it dead.
/// </summary>
public sealed class MembershipOptions
{
    /// <summary>How often each silo pings every other silo. Default 5 seconds.</summary>
    public TimeSpan ProbePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a ping may take before it counts as missed. Default 5 seconds.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Missed probes in a row after which a silo votes that the target is dead. Default 3.</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>
    /// Votes (from distinct silos, each younger than <see cref="DeathVoteExpiration"/>) that declare a silo dead. Default 2.
    /// When fewer active silos than this remain, the votes of all of them suffice.
    /// </summary>
    public int VotesForDeath { get; set; } = 2;

    /// <summary>How long a suspicion vote counts. Default 2 minutes.</summary>
    public TimeSpan DeathVoteExpiration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a silo writes its heartbeat (IAmAlive) to the table. Default 30 seconds.</summary>
    public TimeSpan IAmAlivePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often silos and clients re-read the table to learn of joins and deaths. Default 5 seconds (silos also tell each
    /// other to re-read at once after every change they make, as Orleans gossips).
    /// </summary>
    public TimeSpan TableRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Rows of dead silos whose last heartbeat is older than this are deleted. Default 7 days.</summary>
    public TimeSpan DefunctSiloExpiration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often a silo deletes defunct rows. Default 1 hour.</summary>
    public TimeSpan DefunctSiloCleanupPeriod { get; set; } = TimeSpan.FromHours(1);
}
