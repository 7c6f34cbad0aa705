namespace Platform.Actors.Serialization;

/// <summary>
/// Encodes an enum as its numeric value (a zig-zag varint). The generator supplies the conversions as casts, so no reflection is involved.
/// </summary>
/// <typeparam name="TEnum">The enum type.</typeparam>
/// <param name="toInt64">Converts the enum to its numeric value.</param>
/// <param name="fromInt64">Converts a numeric value back.</param>
public sealed class EnumCodec<TEnum>(Func<TEnum, long> toInt64, Func<long, TEnum> fromInt64) : IFieldCodec<TEnum>
    where TEnum : struct, Enum
{
    /// <inheritdoc />
    public void Write(ActorWriter writer, uint fieldId, TEnum value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteTag(fieldId, WireType.VarInt);
        writer.WriteVarInt64(toInt64(value));
    }

    /// <inheritdoc />
    public TEnum Read(ref ActorReader reader, WireType wireType)
    {
        ActorReader.Expect(wireType, WireType.VarInt, typeof(TEnum).Name);
        return fromInt64(reader.ReadVarInt64());
    }
}
