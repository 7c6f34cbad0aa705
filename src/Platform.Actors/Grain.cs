using Platform.Actors.Runtime;

namespace Platform.Actors;

/// <summary>
/// The base class of grain implementations. The runtime creates one activation per grain id on the first call, runs
/// its requests one at a time (unless <see cref="ReentrantAttribute"/>), and collects it when idle.
/// </summary>
/// <example>
/// <code>
/// public sealed class CounterGrain : Grain, ICounterGrain
/// {
///     private int _count;
///     public Task&lt;int&gt; IncrementAsync() => Task.FromResult(++_count);
/// }
/// </code>
/// </example>
public abstract partial class Grain
{
    private ActivationData? _activation;

    /// <summary>Creates the grain; the runtime attaches the activation being constructed.</summary>
    protected Grain()
    {
        _activation = ActivationData.Constructing;
    }

    /// <summary>This grain's id.</summary>
    public GrainId GrainId => Activation.GrainId;

    /// <summary>A factory for references to other grains.</summary>
    public IGrainFactory GrainFactory => Activation.Runtime.GrainFactory;

    /// <summary>The host's service provider.</summary>
    protected IServiceProvider ServiceProvider => Activation.Runtime.Services;

    internal ActivationData Activation => _activation
        ?? throw new InvalidOperationException($"This instance of '{GetType()}' was not created by the actor runtime; get grains through IGrainFactory.GetGrain.");

    /// <summary>Called after construction and after persistent states are read, before the first request.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called before the activation is dropped (idle collection, <see cref="DeactivateOnIdle"/>, shutdown, state conflict). Not called if the process dies.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current request completes; the next call creates a new one.</summary>
    protected void DeactivateOnIdle() =>
        Activation.RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called"));

    internal void Attach(ActivationData activation) => _activation ??= activation;
}
