using Platform.Actors.CodeGeneration;

namespace Platform.Actors.Runtime;

/// <summary>The call context incoming filters see; the last step invokes the grain.</summary>
internal sealed class IncomingCallContext(ActivationData activation, GrainRequest request, IIncomingGrainCallFilter[] filters, CancellationToken cancellationToken)
    : GrainCallContext<IIncomingGrainCallFilter>(request, filters)
{
    public override object? Grain => activation.Grain;

    public override GrainId TargetId => activation.GrainId;

    protected override Task InvokeFilter(IIncomingGrainCallFilter filter) => filter.Invoke(this);

    protected override Task Complete() => Request.InvokeAsync(activation.Grain!, cancellationToken).AsTask();
}
