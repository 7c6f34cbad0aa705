namespace Platform.Actors.Serialization;

/// <summary>Encodes single-dimension arrays in the same format as <see cref="ListCodec{T}"/>.</summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class ArrayCodec<T> : IFieldCodec<T[]>
{
    /// <inheritdoc />
    public void Write(ActorWriter writer, uint fieldId, T[] value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ListCodec<T>.WriteSequence(writer, fieldId, value);
    }

    /// <inheritdoc />
    public T[] Read(ref ActorReader reader, WireType wireType) => ListCodec<T>.ReadList(ref reader, wireType)?.ToArray()!;
}
