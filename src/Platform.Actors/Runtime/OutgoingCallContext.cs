using Platform.Actors.CodeGeneration;

namespace Platform.Actors.Runtime;

/// <summary>The call context outgoing filters see; the last step sends the request.</summary>
internal sealed class OutgoingCallContext(GrainRuntime runtime, GrainId target, GrainRequest request, IOutgoingGrainCallFilter[] filters, CancellationToken cancellationToken)
    : IGrainCallContext
{
    private int _next;

    public object? Grain => null;

    public GrainId TargetId => target;

    public string InterfaceName => request.InterfaceName;

    public string MethodName => request.MethodName;

    public object?[] Arguments => request.GetArguments();

    public object? Result
    {
        get => request.Result;
        set => request.Result = value;
    }

    public Task Invoke()
    {
        if (_next < filters.Length)
        {
            return filters[_next++].Invoke(this);
        }

        return runtime.SendCoreAsync(target, request, cancellationToken);
    }
}
