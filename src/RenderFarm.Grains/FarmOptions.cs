namespace RenderFarm.Grains;

/// <summary>The farm's settings, section <c>Farm</c>.</summary>
public sealed class FarmOptions
{
    /// <summary>The name of the farm's grain storage (coordinators, scheduler, stored frames).</summary>
    public const string StorageName = "farm";

    /// <summary>Frames this silo renders at once; 0 means one per core. A silo with 0 slots renders nothing.</summary>
    public int Slots { get; set; }

    /// <summary>How long an idle slot waits before asking again, at first; doubled while idle up to <see cref="MaxIdlePollMilliseconds"/>.</summary>
    public int IdlePollMilliseconds { get; set; } = 100;

    /// <summary>The longest an idle slot waits between two asks.</summary>
    public int MaxIdlePollMilliseconds { get; set; } = 1_000;

    /// <summary>How often a coordinator looks for expired leases.</summary>
    public int ExpiryScanMilliseconds { get; set; } = 250;

    /// <summary>A frame running longer than this many times the median frame of its job is a straggler, once the queue is empty.</summary>
    public double StragglerFactor { get; set; } = 3.0;

    /// <summary>...and longer than this, so that fast jobs do not start copies of frames that are merely unlucky.</summary>
    public double StragglerMinimumSeconds { get; set; } = 1.0;

    /// <summary>Fencing tokens reserved per write of a coordinator's state (so a lease needs no write of its own).</summary>
    public int TokenBlock { get; set; } = 64;

    /// <summary>Shifts this silo's wall clock as the farm reads it (<see cref="FarmClock"/>): a drifted clock, on purpose.</summary>
    public double ClockSkewSeconds { get; set; }

    /// <summary>Set to false for a silo that hosts grains but renders nothing (tests).</summary>
    public bool WorkerEnabled { get; set; } = true;
}
