namespace Platform.Hosting.Orchestrator;

internal enum DependencyKind
{
    /// <summary>WaitFor, or a database's server: running and healthy.</summary>
    Healthy,

    /// <summary>WaitForCompletion: every replica exited with code 0.</summary>
    Completed,

    /// <summary>A reference without WaitFor: started (its endpoints exist).</summary>
    Started,
}
