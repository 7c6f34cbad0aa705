using System.ComponentModel;

namespace Platform.Actors.CodeGeneration;

/// <summary>Sends generated requests to grains; implemented by the runtime, used by generated proxies.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGrainCallInvoker
{
    /// <summary>Sends a request without a result.</summary>
    ValueTask InvokeAsync(GrainId target, GrainRequest request, CancellationToken cancellationToken);

    /// <summary>Sends a request and returns its result.</summary>
    ValueTask<TResult> InvokeAsync<TResult>(GrainId target, GrainRequest<TResult> request, CancellationToken cancellationToken);
}
