using Platform.Actors.CodeGeneration;

namespace Platform.Actors.Runtime;

/// <summary>The call context incoming filters see; the last step invokes the grain.</summary>
internal sealed class IncomingCallContext(ActivationData activation, GrainRequest request, IIncomingGrainCallFilter[] filters, CancellationToken cancellationToken)
    : IGrainCallContext
{
    private int _next;

    public object? Grain => activation.Grain;

    public GrainId TargetId => activation.GrainId;

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

        return request.InvokeAsync(activation.Grain!, cancellationToken).AsTask();
    }
}
