using Platform.Actors.CodeGeneration;

namespace Platform.Actors.Runtime;

/// <summary>
/// What incoming and outgoing filters share: the request's facts, and a chain that runs each filter in turn and then
/// the step that completes the call.
/// </summary>
internal abstract class GrainCallContext<TFilter>(GrainRequest request, TFilter[] filters) : IGrainCallContext
{
    private int _next;

    public abstract object? Grain { get; }

    protected GrainRequest Request => request;

    public abstract GrainId TargetId { get; }

    public string InterfaceName => request.InterfaceName;

    public string MethodName => request.MethodName;

    public object?[] Arguments => request.GetArguments();

    public object? Result
    {
        get => request.Result;
        set => request.Result = value;
    }

    public Task Invoke() => _next < filters.Length ? InvokeFilter(filters[_next++]) : Complete();

    protected abstract Task InvokeFilter(TFilter filter);

    protected abstract Task Complete();
}
