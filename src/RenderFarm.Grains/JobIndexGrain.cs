using RenderFarm.Contracts;

namespace RenderFarm.Grains;

/// <summary>An owner's jobs (or everyone's), so the API can list them without scanning storage.</summary>
[GrainType("farm.jobindex")]
internal sealed class JobIndexGrain([PersistentState("index", FarmOptions.StorageName)] IPersistentState<JobIndexState> state)
    : Grain, IJobIndexGrain
{
    public async Task AddAsync(Guid jobId)
    {
        if (!state.State.Jobs.Contains(jobId))
        {
            state.State.Jobs.Add(jobId);
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<Guid>> ListAsync(int limit) =>
        Task.FromResult<IReadOnlyList<Guid>>([.. Enumerable.Reverse(state.State.Jobs).Take(limit)]);
}
