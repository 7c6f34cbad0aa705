using System.ComponentModel;

namespace Platform.Actors.CodeGeneration;

/// <summary>The base of every generated grain proxy: a grain id and the invoker that sends its calls.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainReference : IEquatable<GrainReference>
{
    private readonly IGrainCallInvoker _invoker;

    /// <summary>Creates a reference to <paramref name="grainId"/>.</summary>
    protected GrainReference(GrainId grainId, IGrainCallInvoker invoker)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        GrainId = grainId;
        _invoker = invoker;
    }

    /// <summary>The grain this reference points to.</summary>
    public GrainId GrainId { get; }

    /// <summary>Sends a request without a result.</summary>
    protected ValueTask InvokeAsync(GrainRequest request, CancellationToken cancellationToken) =>
        _invoker.InvokeAsync(GrainId, request, cancellationToken);

    /// <summary>Sends a request and returns its result.</summary>
    protected ValueTask<TResult> InvokeAsync<TResult>(GrainRequest<TResult> request, CancellationToken cancellationToken) =>
        _invoker.InvokeAsync(GrainId, request, cancellationToken);

    /// <summary>
    /// A reference of another interface to the same grain; proxies use it for methods inherited from grain interfaces
    /// compiled in other assemblies (such as <see cref="Reminders.IRemindable"/>).
    /// </summary>
    protected TGrainInterface AsReference<TGrainInterface>()
        where TGrainInterface : IGrain => GeneratedCodeRegistry.GetProxyFactory<TGrainInterface>()(GrainId, _invoker);

    /// <inheritdoc />
    public bool Equals(GrainReference? other) => other is not null && other.GrainId == GrainId;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GrainReference);

    /// <inheritdoc />
    public override int GetHashCode() => GrainId.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => GrainId.ToString();
}
