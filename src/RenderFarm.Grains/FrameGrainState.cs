namespace RenderFarm.Grains;

/// <summary>A stored frame: its PNG (a few to a few hundred KB, within the job's size limits) and the token it was written with.</summary>
internal sealed class FrameGrainState
{
    public long Token { get; set; }

    public string? Hash { get; set; }

    public byte[]? Png { get; set; }
}
