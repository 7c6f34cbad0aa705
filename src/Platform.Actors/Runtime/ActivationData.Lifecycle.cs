namespace Platform.Actors.Runtime;

/// <content>Activation and deactivation.</content>
internal sealed partial class ActivationData
{
    private async Task ActivateAsync()
    {
        var timeout = Runtime.Options.ActivationTimeout;
        try
        {
            using var cts = new CancellationTokenSource(timeout);
            t_constructing = this;
            try
            {
                _grain = GrainClass.Factory(Runtime.Services);
            }
            finally
            {
                t_constructing = null;
            }

            _grain.Attach(this);
            foreach (var state in _states)
            {
                await state.ReadStateAsync(cts.Token).WaitAsync(timeout, cts.Token);
            }

            await _grain.OnActivateAsync(cts.Token).WaitAsync(timeout, cts.Token);
        }
        catch (Exception ex)
        {
            var error = ex is TimeoutException or OperationCanceledException
                ? new GrainActivationException($"Grain '{GrainId}' could not be activated: construction, state read and OnActivateAsync took longer than the activation timeout ({timeout.TotalSeconds:0.###} s). The call was not delivered; retry it.", ex) { GrainId = GrainId }
                : new GrainActivationException($"Grain '{GrainId}' could not be activated: {ex.Message} The call was not delivered.", ex) { GrainId = GrainId };
            Log.ActivationFailed(Runtime.Logger, GrainId, ex);
            List<WorkItem> waiting;
            lock (_lock)
            {
                _state = ActivationState.Invalid;
                _running = 0;
                waiting = DrainLocked();
            }

            _catalog.Remove(this);
            _deactivated.TrySetResult();
            foreach (var item in waiting)
            {
                item.Abandon(_catalog, error);
            }

            return;
        }

        lock (_lock)
        {
            _state = ActivationState.Valid;
        }

        FinishTurn(keepsAlive: true);
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Stop();
        }

        var timeout = Runtime.Options.DeactivationTimeout;
        try
        {
            using var cts = new CancellationTokenSource(timeout);
            if (_grain is not null)
            {
                await _grain.OnDeactivateAsync(reason, cts.Token).WaitAsync(timeout, cts.Token);
            }
        }
        catch (Exception ex)
        {
            Log.DeactivationFailed(Runtime.Logger, GrainId, reason.Code, ex);
        }

        List<WorkItem> waiting;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            waiting = DrainLocked();
        }

        Log.Deactivated(Runtime.Logger, GrainId, reason.Code);
        _catalog.Remove(this);
        _deactivated.TrySetResult();

        // Requests that arrived after the deactivation was requested go to a fresh activation.
        foreach (var item in waiting)
        {
            item.Abandon(_catalog, null);
        }
    }
}
