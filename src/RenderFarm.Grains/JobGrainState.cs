using RenderFarm.Contracts;

namespace RenderFarm.Grains;

/// <summary>A coordinator's durable state: written before an accepted result is acknowledged.</summary>
internal sealed class JobGrainState
{
    public JobSpec? Spec { get; set; }

    public JobPhase Phase { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Every fencing token below this may have been issued; a new activation issues only from here on.</summary>
    public long TokensReserved { get; set; } = 1;

    /// <summary>The coordinator's latest logical time, so a re-activation elsewhere never goes back in time.</summary>
    public long Lamport { get; set; }

    public string? TraceParent { get; set; }

    public List<FrameRecord> Frames { get; set; } = [];

    public long LeaseExpiries { get; set; }

    public long Reexecutions { get; set; }

    public long StaleRefusals { get; set; }

    public List<FarmEvent> Events { get; set; } = [];
}

/// <summary>One frame's durable record.</summary>
internal sealed class FrameRecord
{
    public bool Done { get; set; }

    /// <summary>The lowest token a result may carry: the newest lease issued after the frame's earlier leases were lost.</summary>
    public long Fence { get; set; }

    public int Attempts { get; set; }

    /// <summary>How many results were accepted: exactly one once the frame is done.</summary>
    public int Accepts { get; set; }

    public int Refused { get; set; }

    /// <summary>Renewals refused under a lease no longer held: a stale holder's other kind of write.</summary>
    public int RenewalsRefused { get; set; }

    public long Token { get; set; }

    public string? Worker { get; set; }

    public string? Silo { get; set; }

    public string? Hash { get; set; }

    public double RenderMilliseconds { get; set; }
}
