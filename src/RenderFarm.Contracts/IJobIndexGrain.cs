namespace RenderFarm.Contracts;

/// <summary>The jobs of one owner (keyed by the owner), or of everyone (key <see cref="All"/>), newest first.</summary>
[Alias("farm.IJobIndexGrain")]
public interface IJobIndexGrain : IGrainWithStringKey
{
    /// <summary>The key of the index of every job.</summary>
    const string All = "*";

    /// <summary>Adds a job; repeating it is harmless.</summary>
    Task AddAsync(Guid jobId);

    /// <summary>The jobs, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Guid>> ListAsync(int limit);
}
