namespace RenderFarm.Api.Apis;

/// <summary>What one job may ask of the farm: every field bounded, and the whole job's work too.</summary>
internal static class JobLimits
{
    public static readonly (int Min, int Max, int Default) Frames = (1, 240, 24);
    public static readonly (int Min, int Max, int Default) Width = (16, 640, 160);
    public static readonly (int Min, int Max, int Default) Height = (16, 360, 90);
    public static readonly (int Min, int Max, int Default) Iterations = (10, 20_000, 500);
    public static readonly (int Min, int Max, int Default) Priority = (0, 9, 0);
    public static readonly (int Min, int Max, int Default) LeaseSeconds = (1, 300, 10);

    /// <summary>The most pixel-iterations one job may cost: about a minute of one core.</summary>
    public const long MaxWork = 20_000_000_000;

    /// <summary>Jobs one owner may have running at once.</summary>
    public const int MaxRunningPerOwner = 5;
}
