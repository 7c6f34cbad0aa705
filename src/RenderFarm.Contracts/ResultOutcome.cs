namespace RenderFarm.Contracts;

/// <summary>What the result store did with a <see cref="FrameResult"/>.</summary>
public enum ResultOutcome
{
    /// <summary>Stored: the frame's one accepted result.</summary>
    Accepted = 0,

    /// <summary>Refused: a newer lease was issued for the frame (the token is fenced off).</summary>
    Stale = 1,

    /// <summary>Not stored: another copy of the frame (a speculative one, or a re-run) was accepted first.</summary>
    Duplicate = 2,

    /// <summary>Not stored: the job was cancelled.</summary>
    Cancelled = 3,

    /// <summary>Refused: the bytes do not match their hash, or the frame is not part of the job.</summary>
    Invalid = 4,
}
