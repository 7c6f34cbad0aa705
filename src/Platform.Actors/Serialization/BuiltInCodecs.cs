namespace Platform.Actors.Serialization;

/// <summary>Finds the built-in codec for a closed type; called once per type by <see cref="Codecs{T}"/>.</summary>
internal static class BuiltInCodecs
{
    public static IFieldCodec<T>? Find<T>()
    {
        var type = typeof(T);
        object? codec = type == typeof(bool) ? PrimitiveCodecs.Boolean
            : type == typeof(byte) ? PrimitiveCodecs.Byte
            : type == typeof(sbyte) ? PrimitiveCodecs.SByte
            : type == typeof(short) ? PrimitiveCodecs.Int16
            : type == typeof(ushort) ? PrimitiveCodecs.UInt16
            : type == typeof(int) ? PrimitiveCodecs.Int32
            : type == typeof(uint) ? PrimitiveCodecs.UInt32
            : type == typeof(long) ? PrimitiveCodecs.Int64
            : type == typeof(ulong) ? PrimitiveCodecs.UInt64
            : type == typeof(char) ? PrimitiveCodecs.Char
            : type == typeof(float) ? PrimitiveCodecs.Single
            : type == typeof(double) ? PrimitiveCodecs.Double
            : type == typeof(decimal) ? PrimitiveCodecs.Decimal
            : type == typeof(string) ? PrimitiveCodecs.String
            : type == typeof(byte[]) ? PrimitiveCodecs.Bytes
            : type == typeof(Guid) ? PrimitiveCodecs.Guid
            : type == typeof(DateTime) ? PrimitiveCodecs.DateTime
            : type == typeof(DateTimeOffset) ? PrimitiveCodecs.DateTimeOffset
            : type == typeof(TimeSpan) ? PrimitiveCodecs.TimeSpan
            : type == typeof(GrainId) ? PrimitiveCodecs.GrainId
            : null;
        return codec as IFieldCodec<T>;
    }
}
