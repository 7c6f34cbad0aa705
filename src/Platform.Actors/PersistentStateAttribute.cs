namespace Platform.Actors;

/// <summary>
/// Injects an <see cref="Storage.IPersistentState{T}"/> into a grain constructor parameter. The state is read before
/// <see cref="Grain.OnActivateAsync"/> runs.
/// </summary>
/// <param name="stateName">The name of the state within the grain (several states may share one storage).</param>
/// <param name="storageName">The storage provider's name, registered as a keyed <see cref="Storage.IGrainStorage"/>.</param>
/// <example>
/// <code>
/// public sealed class AccountGrain([PersistentState("account", "bank")] IPersistentState&lt;AccountState&gt; state) : Grain, IAccountGrain
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class PersistentStateAttribute(string stateName, string storageName = PersistentStateAttribute.DefaultStorageName) : Attribute
{
    /// <summary>The storage name used when none is given.</summary>
    public const string DefaultStorageName = "Default";

    /// <summary>The name of the state within the grain.</summary>
    public string StateName { get; } = stateName;

    /// <summary>The storage provider's name.</summary>
    public string StorageName { get; } = storageName;
}
