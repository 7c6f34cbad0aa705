namespace RenderFarm.Contracts;

/// <summary>
/// The stored PNG of one accepted frame, keyed <c>{jobId:N}/{frame}</c>. It keeps the token it was written with and
/// refuses a write with an older one: a second fence behind the coordinator's.
/// </summary>
[Alias("farm.IFrameGrain")]
public interface IFrameGrain : IGrainWithStringKey
{
    /// <summary>Stores the frame; false when a write with a newer token is already stored.</summary>
    Task<bool> StoreAsync(long token, string hash, byte[] png);

    /// <summary>The stored PNG, or null.</summary>
    Task<byte[]?> GetPngAsync();

    /// <summary>The key of frame <paramref name="frame"/> of job <paramref name="jobId"/>.</summary>
    static string KeyOf(Guid jobId, int frame) => $"{jobId:N}/{frame}";
}
