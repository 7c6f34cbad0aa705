using Platform.Actors.CodeGeneration;

namespace Platform.Actors.Runtime;

/// <summary>The call context outgoing filters see; the last step sends the request.</summary>
internal sealed class OutgoingCallContext(GrainRuntime runtime, GrainId target, GrainRequest request, IOutgoingGrainCallFilter[] filters, CancellationToken cancellationToken)
    : GrainCallContext<IOutgoingGrainCallFilter>(request, filters)
{
    public override object? Grain => null;

    public override GrainId TargetId => target;

    protected override Task InvokeFilter(IOutgoingGrainCallFilter filter) => filter.Invoke(this);

    protected override Task Complete() => runtime.SendCoreAsync(target, Request, cancellationToken);
}
