namespace Platform.Actors.Membership;

/// <summary>A silo's status in the membership table. Statuses only move forward; <see cref="Dead"/> is final.</summary>
public enum SiloStatus
{
    /// <summary>No status (not a stored value).</summary>
    None = 0,

    /// <summary>The silo process has started and created its row.</summary>
    Created = 1,

    /// <summary>The silo is joining: it probes the others but takes no grains yet.</summary>
    Joining = 2,

    /// <summary>The silo is a full member.</summary>
    Active = 3,

    /// <summary>The silo is shutting down gracefully.</summary>
    ShuttingDown = 4,

    /// <summary>The silo is stopping (a fast, non-graceful stop).</summary>
    Stopping = 5,

    /// <summary>The silo is dead, declared by itself or by its peers' votes; a silo that reads this about itself stops.</summary>
    Dead = 6,
}
