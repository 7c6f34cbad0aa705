namespace Platform.Actors;

/// <content>Grain timers.</content>
public abstract partial class Grain
{
    /// <summary>
    /// Registers a timer whose ticks run as turns of this grain: they never overlap each other or (unless the grain is
    /// reentrant) requests, the next period starts after a tick completes, and the timer stops when the activation deactivates.
    /// Ticks do not keep the activation alive.
    /// </summary>
    /// <param name="callback">The tick; receives <paramref name="state"/> and a token cancelled when the timer stops.</param>
    /// <param name="state">The state passed to each tick.</param>
    /// <param name="dueTime">Delay before the first tick.</param>
    /// <param name="period">Delay between the end of one tick and the next; <see cref="Timeout.InfiniteTimeSpan"/> fires once.</param>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer(static (s, ct) => ((TimerCallback<TState>)s!).Invoke(ct), new TimerCallback<TState>(callback, state), dueTime, period);
    }

    /// <summary>Registers a timer; see <see cref="RegisterGrainTimer{TState}(Func{TState, CancellationToken, Task}, TState, TimeSpan, TimeSpan)"/>.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer(static (s, ct) => ((Func<CancellationToken, Task>)s!)(ct), callback, dueTime, period);
    }

    /// <summary>Registers a timer; see <see cref="RegisterGrainTimer{TState}(Func{TState, CancellationToken, Task}, TState, TimeSpan, TimeSpan)"/>.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer(static (s, _) => ((Func<Task>)s!)(), callback, dueTime, period);
    }

    private sealed class TimerCallback<TState>(Func<TState, CancellationToken, Task> callback, TState state)
    {
        public Task Invoke(CancellationToken cancellationToken) => callback(state, cancellationToken);
    }
}
