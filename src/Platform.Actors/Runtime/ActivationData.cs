using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Platform.Actors.CodeGeneration;
using Platform.Actors.Storage;

namespace Platform.Actors.Runtime;

/// <summary>
/// One activation of one grain: its instance, its mailbox and its turn scheduler. Grain code runs on an exclusive
/// scheduler, so turns never run in parallel even when requests interleave; a non-reentrant grain also keeps other
/// requests queued until the running one completes.
/// </summary>
internal sealed partial class ActivationData
{
    // A busy grain gives its thread back to the pool after this many turns, so one hot grain cannot starve others.
    private const int MaxTurnsPerBatch = 32;

    [ThreadStatic]
    private static ActivationData? t_constructing;

    private static readonly Func<object?, Task> RunItem = static state => ((WorkItem)state!).Activation!.RunItemAsync((WorkItem)state);

    private readonly Lock _lock = new();
    private readonly Queue<WorkItem> _queue = new();
    private readonly TaskFactory _turns;
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IPersistentStateLoader> _states = [];
    private readonly List<GrainTimer> _timers = [];
    private readonly Catalog _catalog;
    private ActivationState _state = ActivationState.Activating;
    private int _running = 1; // the activation turn itself
    private long _lastActive = Stopwatch.GetTimestamp();
    private DeactivationReason? _pendingDeactivation;
    private Grain? _grain;

    public ActivationData(GrainId grainId, GrainClassRegistration grainClass, ActorRuntime runtime, Catalog catalog)
    {
        GrainId = grainId;
        GrainClass = grainClass;
        Runtime = runtime;
        _catalog = catalog;
        _turns = new TaskFactory(
            CancellationToken.None,
            TaskCreationOptions.DenyChildAttach,
            TaskContinuationOptions.None,
            new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, 1, MaxTurnsPerBatch).ExclusiveScheduler);
    }

    /// <summary>The activation whose grain is being constructed on this thread; read by <see cref="Grain"/>'s constructor.</summary>
    public static ActivationData? Constructing => t_constructing;

    public GrainId GrainId { get; }

    public GrainClassRegistration GrainClass { get; }

    public ActorRuntime Runtime { get; }

    public Grain? Grain => _grain;

    /// <summary>Completes when the activation has finished deactivating (or failed to activate).</summary>
    public Task Deactivated => _deactivated.Task;

    public void Start() => StartOnScheduler(static a => a.ActivateAsync());

    /// <summary>Queues or starts an item; false when the activation is deactivating and the item must go to its successor.</summary>
    public bool TryEnqueue(WorkItem item)
    {
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                return false;
            }

            if (item.KeepsAlive)
            {
                _lastActive = Stopwatch.GetTimestamp();
            }

            if (_state == ActivationState.Valid && CanStart(item))
            {
                StartItem(item);
            }
            else
            {
                _queue.Enqueue(item);
            }

            return true;
        }
    }

    /// <summary>Deactivates after the running requests complete (DeactivateOnIdle, state conflict).</summary>
    public void RequestDeactivation(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_pendingDeactivation is null && _state is ActivationState.Activating or ActivationState.Valid)
            {
                _pendingDeactivation = reason;
            }
        }
    }

    /// <summary>Deactivates now if idle since before <paramref name="idleSince"/>.</summary>
    public bool TryCollect(long idleSince)
    {
        lock (_lock)
        {
            if (_state != ActivationState.Valid || _running > 0 || _queue.Count > 0 || _lastActive > idleSince)
            {
                return false;
            }

            _state = ActivationState.Deactivating;
        }

        StartOnScheduler(static a => a.DeactivateAsync(new DeactivationReason(DeactivationReasonCode.IdleCollection, "idle for longer than the collection age")));
        return true;
    }

    /// <summary>Deactivates for shutdown (or because another silo owns the grain now): now if idle, else after the running requests complete.</summary>
    public Task ShutdownAsync(DeactivationReason? why = null)
    {
        var reason = why ?? new DeactivationReason(DeactivationReasonCode.ShuttingDown, "the host is stopping");
        var startNow = false;
        lock (_lock)
        {
            if (_state == ActivationState.Valid && _running == 0)
            {
                _state = ActivationState.Deactivating;
                startNow = true;
            }
            else if (_state is ActivationState.Activating or ActivationState.Valid)
            {
                _pendingDeactivation ??= reason;
            }
        }

        if (startNow)
        {
            StartOnScheduler(a => a.DeactivateAsync(reason));
        }

        return Deactivated;
    }

    internal IPersistentState<T> CreatePersistentState<T>(string stateName, string storageName, Func<T> createDefault)
    {
        var storage = Runtime.Services.GetKeyedService<IGrainStorage>(storageName)
            ?? throw new InvalidOperationException(
                $"Grain '{GrainId}' state '{stateName}' uses grain storage '{storageName}', which is not registered. " +
                $"Register it: services.AddInMemoryGrainStorage(\"{storageName}\") for tests, or services.AddPostgreSqlGrainStorage(\"{storageName}\", ...).");
        var state = new PersistentState<T>(this, stateName, storage, createDefault);
        _states.Add(state);
        return state;
    }

    internal IGrainTimer RegisterTimer(Func<object?, CancellationToken, Task> callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, state);
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                throw new InvalidOperationException($"Grain '{GrainId}' is deactivating; timers can only be registered by a live activation.");
            }

            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private bool CanStart(WorkItem item) =>
        _pendingDeactivation is null && (_running == 0 || GrainClass.IsReentrant || item.AlwaysInterleave);

    private void StartItem(WorkItem item)
    {
        _running++;
        item.Activation = this;

        // Turns start with a clean execution context: the request carries its own RequestContext and trace parent.
        if (ExecutionContext.IsFlowSuppressed())
        {
            _ = _turns.StartNew(RunItem, item);
        }
        else
        {
            using (ExecutionContext.SuppressFlow())
            {
                _ = _turns.StartNew(RunItem, item);
            }
        }
    }

    private void StartOnScheduler(Func<ActivationData, Task> action)
    {
        if (ExecutionContext.IsFlowSuppressed())
        {
            _ = _turns.StartNew(s => action((ActivationData)s!), this).Unwrap();
            return;
        }

        using (ExecutionContext.SuppressFlow())
        {
            _ = _turns.StartNew(s => action((ActivationData)s!), this).Unwrap();
        }
    }

    private async Task RunItemAsync(WorkItem item)
    {
        try
        {
            await item.ExecuteAsync(this);
        }
        catch (Exception ex)
        {
            Log.TurnFailed(Runtime.Logger, GrainId, ex);
        }
        finally
        {
            FinishTurn(item.KeepsAlive);
        }
    }

    private void FinishTurn(bool keepsAlive)
    {
        DeactivationReason reason;
        lock (_lock)
        {
            _running--;
            if (keepsAlive)
            {
                _lastActive = Stopwatch.GetTimestamp();
            }

            if (_pendingDeactivation is not { } pending || _running > 0 || _state != ActivationState.Valid)
            {
                PumpLocked();
                return;
            }

            _state = ActivationState.Deactivating;
            reason = pending;
        }

        // Already on this activation's scheduler: run the deactivation as the next part of this turn.
        _ = DeactivateAsync(reason);
    }

    private void PumpLocked()
    {
        while (_state == ActivationState.Valid && _queue.Count > 0 && CanStart(_queue.Peek()))
        {
            StartItem(_queue.Dequeue());
        }
    }

    private List<WorkItem> DrainLocked()
    {
        var items = new List<WorkItem>(_queue);
        _queue.Clear();
        return items;
    }
}
