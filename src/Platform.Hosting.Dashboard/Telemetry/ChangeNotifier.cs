namespace Platform.Hosting.Dashboard.Telemetry;

/// <summary>A version number that grows on every change, with a wait for the next change.</summary>
/// <remarks>Live pages wait on it instead of polling: one completed task wakes every waiter at once.</remarks>
internal sealed class ChangeNotifier
{
    private readonly Lock _lock = new();
    private long _version;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Version => Interlocked.Read(ref _version);

    public void Notify()
    {
        TaskCompletionSource completed;
        lock (_lock)
        {
            _version++;
            completed = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        completed.TrySetResult();
    }

    /// <summary>Completes once <see cref="Version"/> differs from <paramref name="knownVersion"/>.</summary>
    public Task WaitAsync(long knownVersion, CancellationToken cancellationToken)
    {
        Task next;
        lock (_lock)
        {
            if (_version != knownVersion)
            {
                return Task.CompletedTask;
            }

            next = _next.Task;
        }

        return next.WaitAsync(cancellationToken);
    }
}
