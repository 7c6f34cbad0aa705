using System.ComponentModel;
using Platform.Actors.Serialization;

namespace Platform.Actors.CodeGeneration;

/// <summary>A <see cref="GrainRequest"/> for a method with a result of type <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TResult">The result type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainRequest<TResult> : GrainRequest
{
    /// <summary>The result, once the method has run (grain side) or the response has been read (caller side).</summary>
    public TResult ResultValue { get; set; } = default!;

    /// <inheritdoc />
    public override object? Result
    {
        get => ResultValue;
        set => ResultValue = (TResult)value!;
    }

    /// <inheritdoc />
    public override void WriteResult(ActorWriter writer) => Codecs<TResult>.Get().Write(writer, 0, ResultValue);

    /// <inheritdoc />
    public override void ReadResult(ref ActorReader reader)
    {
        var codec = Codecs<TResult>.Get();
        while (reader.TryReadTag(out var id, out var wireType))
        {
            if (id == 0)
            {
                ResultValue = codec.Read(ref reader, wireType);
            }
            else
            {
                reader.Skip(wireType);
            }
        }
    }
}
