using System.Collections.Immutable;
using Platform.Actors.CodeGeneration;

namespace Platform.Actors.Runtime;

/// <summary>
/// A request on its way to a grain: the target, the method, the serialized arguments and the request context.
/// Everything but <see cref="CancellationToken"/> is what a remote transport must carry (the cluster issue adds its codec).
/// </summary>
internal sealed class Message
{
    public required GrainId Target { get; init; }

    public required string InterfaceName { get; init; }

    public required uint MethodId { get; init; }

    public required string MethodName { get; init; }

    public required byte[] Body { get; init; }

    public InvokeMethodOptions Options { get; init; }

    public ImmutableDictionary<string, object>? RequestContext { get; init; }

    /// <summary>The caller's token; flows only to local grains and is never serialized.</summary>
    public CancellationToken CancellationToken { get; init; }
}
