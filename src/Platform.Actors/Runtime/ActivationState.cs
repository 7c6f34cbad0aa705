namespace Platform.Actors.Runtime;

/// <summary>The life cycle of an activation.</summary>
internal enum ActivationState
{
    Activating,
    Valid,
    Deactivating,
    Invalid,
}
