using Platform.Actors.Runtime;

namespace Platform.Actors.Storage;

/// <summary>The runtime's <see cref="IPersistentState{T}"/>: a grain state bound to one storage provider and one activation.</summary>
internal sealed class PersistentState<T>(ActivationData activation, string stateName, IGrainStorage storage, Func<T> createDefault)
    : IPersistentState<T>, IGrainState<T>, IPersistentStateLoader
{
    public T State { get; set; } = createDefault();

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        await storage.ReadStateAsync(stateName, activation.GrainId, this, cancellationToken);
        State ??= createDefault();
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.WriteStateAsync(stateName, activation.GrainId, this, cancellationToken);
        }
        catch (InconsistentStateException)
        {
            activation.RequestDeactivation(new DeactivationReason(
                DeactivationReasonCode.InconsistentState, $"state '{stateName}' was written by another activation"));
            throw;
        }
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.ClearStateAsync(stateName, activation.GrainId, this, cancellationToken);
            State = createDefault();
        }
        catch (InconsistentStateException)
        {
            activation.RequestDeactivation(new DeactivationReason(
                DeactivationReasonCode.InconsistentState, $"state '{stateName}' was written by another activation"));
            throw;
        }
    }
}
