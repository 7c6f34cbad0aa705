using Platform.Actors.Storage;
using Platform.Actors.Tests.Infrastructure;

namespace Platform.Actors.Tests.Grains;

public sealed class ProfileGrain([PersistentState("profile")] IPersistentState<ProfileState> profile) : Grain, IProfileGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The state is read before OnActivateAsync runs.
        Probe.Record(this.GetPrimaryKeyString(), "activate:" + profile.State.Name);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Probe.Record(this.GetPrimaryKeyString(), "deactivate:" + reason.Code);
        return Task.CompletedTask;
    }

    public async Task SetNameAsync(string name)
    {
        profile.State.Name = name;
        profile.State.Version++;
        await profile.WriteStateAsync();
    }

    public Task<string> GetNameAsync() => Task.FromResult(profile.State.Name);

    public Task<string?> GetETagAsync() => Task.FromResult(profile.ETag);

    public Task<bool> GetRecordExistsAsync() => Task.FromResult(profile.RecordExists);

    public Task ClearAsync() => profile.ClearStateAsync();

    public Task<Guid> GetActivationIdAsync() => Task.FromResult(_activationId);
}
