namespace RenderFarm.Contracts;

/// <summary>
/// One frame of a job's status: who holds it, who rendered its accepted result, and its fencing history.
/// <see cref="Token"/> is the token of the accepted result; <see cref="Fence"/> the lowest token a result may carry;
/// <see cref="Refused"/> counts results refused because their token was below the fence; <see cref="RenewalsRefused"/>
/// counts renewals refused because their lease was no longer held (expired and handed out again, or revoked by a new
/// activation of the coordinator). Together they are the frame's fencing rejections: the writes of stale holders.
/// </summary>
[GenerateSerializer, Alias("farm.FrameStatus")]
public sealed record FrameStatus(
    [property: Id(0)] int Frame,
    [property: Id(1)] string State,
    [property: Id(2)] string? Worker,
    [property: Id(3)] string? Silo,
    [property: Id(4)] long Token,
    [property: Id(5)] long Fence,
    [property: Id(6)] int Attempts,
    [property: Id(7)] int Accepts,
    [property: Id(8)] int Refused,
    [property: Id(9)] string? Hash,
    [property: Id(10)] IReadOnlyList<string> Holders,
    [property: Id(11)] int RenewalsRefused);
