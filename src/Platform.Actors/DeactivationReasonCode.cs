namespace Platform.Actors;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReasonCode
{
    /// <summary>The grain called <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,

    /// <summary>The activation was idle for longer than the collection age.</summary>
    IdleCollection,

    /// <summary>The host is shutting down.</summary>
    ShuttingDown,

    /// <summary>A state write found that another activation had written first; the next call re-reads the state.</summary>
    InconsistentState,
}
