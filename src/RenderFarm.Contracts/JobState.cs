namespace RenderFarm.Contracts;

/// <summary>Where a job is in its life.</summary>
public enum JobPhase
{
    /// <summary>Never submitted.</summary>
    None = 0,

    /// <summary>Frames are being handed out.</summary>
    Running = 1,

    /// <summary>Every frame has an accepted result.</summary>
    Completed = 2,

    /// <summary>Cancelled by its owner: no frame is handed out any more.</summary>
    Cancelled = 3,
}
