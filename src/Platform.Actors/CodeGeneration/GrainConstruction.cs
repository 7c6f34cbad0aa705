using System.ComponentModel;
using Microsoft.Extensions.DependencyInjection;
using Platform.Actors.Runtime;
using Platform.Actors.Storage;

namespace Platform.Actors.CodeGeneration;

/// <summary>Helpers the generated grain factories call while constructing a grain.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GrainConstruction
{
    /// <summary>Resolves a constructor dependency from DI.</summary>
    public static T GetRequiredService<T>(IServiceProvider services)
        where T : notnull => services.GetRequiredService<T>();

    /// <summary>Creates the persistent state for a <see cref="PersistentStateAttribute"/> parameter of the grain being constructed.</summary>
    public static IPersistentState<T> CreatePersistentState<T>(IServiceProvider services, string stateName, string storageName, Func<T> createDefault)
    {
        ArgumentNullException.ThrowIfNull(services);
        var activation = ActivationData.Constructing
            ?? throw new InvalidOperationException($"State '{stateName}' can only be created while the actor runtime constructs a grain.");
        return activation.CreatePersistentState(stateName, storageName, createDefault);
    }
}
