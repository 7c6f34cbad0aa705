namespace Platform.Actors.Runtime;

/// <summary>One tick of a grain timer.</summary>
internal sealed class TimerTickWorkItem(GrainTimer timer, CancellationToken cancellationToken) : WorkItem
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Completion => _completion.Task;

    public override bool AlwaysInterleave => false;

    // Timers do not keep an activation alive, so an idle grain with a timer is still collected.
    public override bool KeepsAlive => false;

    public override async Task ExecuteAsync(ActivationData activation)
    {
        try
        {
            await timer.TickAsync(cancellationToken);
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    public override void Abandon(Catalog catalog, Exception? error) => _completion.TrySetResult();
}
