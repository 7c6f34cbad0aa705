namespace RenderFarm.Grains;

/// <summary>Job ids, oldest first.</summary>
internal sealed class JobIndexState
{
    public List<Guid> Jobs { get; set; } = [];
}
