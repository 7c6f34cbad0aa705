namespace Platform.Actors.Runtime;

/// <summary>Something an activation runs as a turn: a request or a timer tick.</summary>
internal abstract class WorkItem
{
    /// <summary>The activation running the item; set when it starts.</summary>
    public ActivationData? Activation { get; set; }

    /// <summary>True when the item may run while other items run (besides a reentrant grain, where all may).</summary>
    public abstract bool AlwaysInterleave { get; }

    /// <summary>True when the item counts as activity for idle collection.</summary>
    public abstract bool KeepsAlive { get; }

    public abstract Task ExecuteAsync(ActivationData activation);

    /// <summary>The item will not run here: fail it, or hand it to a new activation.</summary>
    public abstract void Abandon(Catalog catalog, Exception? error);
}
