namespace Platform.Actors.Serialization;

/// <summary>Encodes <see cref="Nullable{T}"/>: a null field when empty, else the value's own encoding.</summary>
/// <typeparam name="T">The underlying value type.</typeparam>
public sealed class NullableCodec<T> : IFieldCodec<T?>
    where T : struct
{
    /// <inheritdoc />
    public void Write(ActorWriter writer, uint fieldId, T? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } present)
        {
            Codecs<T>.Get().Write(writer, fieldId, present);
        }
        else
        {
            writer.WriteNull(fieldId);
        }
    }

    /// <inheritdoc />
    public T? Read(ref ActorReader reader, WireType wireType) =>
        wireType == WireType.Null ? null : Codecs<T>.Get().Read(ref reader, wireType);
}
