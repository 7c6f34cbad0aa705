namespace Platform.Actors;

/// <summary>
/// A timer registered by a grain activation. Ticks run as turns of the grain, never overlap, and stop when the
/// activation deactivates. Dispose it to stop it earlier.
/// </summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes when the next tick is due and the period after it; <see cref="Timeout.InfiniteTimeSpan"/> as the period fires once.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
