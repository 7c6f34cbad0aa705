using System.ComponentModel;
using Platform.Actors.Serialization;

namespace Platform.Actors.CodeGeneration;

/// <summary>
/// One call of one grain interface method with its arguments. The generator emits a sealed subclass per method; the
/// caller's instance carries the arguments out and the result back, and the grain side creates its own from the payload.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainRequest
{
    /// <summary>The full name of the interface that declares the method.</summary>
    public abstract string InterfaceName { get; }

    /// <summary>The method name.</summary>
    public abstract string MethodName { get; }

    /// <summary>A stable id of the method within its interface (a hash of its name and parameter types).</summary>
    public abstract uint MethodId { get; }

    /// <summary>How the request is delivered.</summary>
    public virtual InvokeMethodOptions Options => InvokeMethodOptions.None;

    /// <summary>The result as an object (boxing); for call filters. Null for methods without a result.</summary>
    public virtual object? Result
    {
        get => null;
        set { }
    }

    /// <summary>Writes the arguments, argument <c>i</c> as field <c>i</c>.</summary>
    public abstract void WriteArguments(ActorWriter writer);

    /// <summary>Reads the arguments written by <see cref="WriteArguments"/>, skipping unknown fields.</summary>
    public abstract void ReadArguments(ref ActorReader reader);

    /// <summary>The arguments as a new array, for call filters.</summary>
    public abstract object?[] GetArguments();

    /// <summary>Calls the method on <paramref name="grain"/> and keeps its result in this request.</summary>
    public abstract ValueTask InvokeAsync(object grain, CancellationToken cancellationToken);

    /// <summary>Writes the result (field 0); nothing for methods without one.</summary>
    public virtual void WriteResult(ActorWriter writer)
    {
    }

    /// <summary>Reads the result written by <see cref="WriteResult"/>.</summary>
    public virtual void ReadResult(ref ActorReader reader)
    {
    }
}
