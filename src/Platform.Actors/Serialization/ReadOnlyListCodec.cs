namespace Platform.Actors.Serialization;

/// <summary>Encodes <see cref="IReadOnlyList{T}"/> in the same format as <see cref="ListCodec{T}"/>; reads back a <see cref="List{T}"/>.</summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class ReadOnlyListCodec<T> : IFieldCodec<IReadOnlyList<T>>
{
    /// <inheritdoc />
    public void Write(ActorWriter writer, uint fieldId, IReadOnlyList<T> value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ListCodec<T>.WriteSequence(writer, fieldId, value);
    }

    /// <inheritdoc />
    public IReadOnlyList<T> Read(ref ActorReader reader, WireType wireType) => ListCodec<T>.ReadList(ref reader, wireType)!;
}
