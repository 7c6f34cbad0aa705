namespace Platform.Actors.Runtime;

/// <summary>A grain timer: a loop outside the grain that enqueues one tick at a time and waits for it before the next period.</summary>
internal sealed class GrainTimer(ActivationData activation, Func<object?, CancellationToken, Task> callback, object? state) : IGrainTimer
{
    private readonly Lock _lock = new();
    private CancellationTokenSource? _cts;
    private bool _disposed;

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        CancellationTokenSource cts;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _cts?.Cancel();
            _cts?.Dispose();
            _cts = cts = new CancellationTokenSource();
        }

        // Run the loop on the thread pool, not the grain's scheduler, so waiting for a period never occupies the grain.
        _ = Task.Run(() => RunAsync(dueTime, period, cts.Token), CancellationToken.None);
    }

    public void Dispose()
    {
        Stop();
        activation.RemoveTimer(this);
    }

    internal void Stop()
    {
        lock (_lock)
        {
            _disposed = true;
            _cts?.Cancel();
        }
    }

    internal Task TickAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.CompletedTask : callback(state, cancellationToken);

    private async Task RunAsync(TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(dueTime, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                var tick = new TimerTickWorkItem(this, cancellationToken);
                if (!activation.TryEnqueue(tick))
                {
                    return;
                }

                await tick.Completion;
                if (period == Timeout.InfiniteTimeSpan)
                {
                    return;
                }

                await Task.Delay(period, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped or changed.
        }
    }
}
