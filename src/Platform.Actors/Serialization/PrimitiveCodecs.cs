using System.Buffers.Binary;

namespace Platform.Actors.Serialization;

/// <summary>The built-in codecs for primitives and common framework value types.</summary>
internal static class PrimitiveCodecs
{
    public static readonly IFieldCodec<bool> Boolean = new VarIntCodec<bool>(static v => v ? 1 : 0, static v => v != 0, "bool");
    public static readonly IFieldCodec<byte> Byte = new VarIntCodec<byte>(static v => v, static v => checked((byte)v), "byte");
    public static readonly IFieldCodec<sbyte> SByte = new VarIntCodec<sbyte>(static v => v, static v => checked((sbyte)v), "sbyte");
    public static readonly IFieldCodec<short> Int16 = new VarIntCodec<short>(static v => v, static v => checked((short)v), "short");
    public static readonly IFieldCodec<ushort> UInt16 = new VarIntCodec<ushort>(static v => v, static v => checked((ushort)v), "ushort");
    public static readonly IFieldCodec<int> Int32 = new VarIntCodec<int>(static v => v, static v => checked((int)v), "int");
    public static readonly IFieldCodec<uint> UInt32 = new VarIntCodec<uint>(static v => v, static v => checked((uint)v), "uint");
    public static readonly IFieldCodec<long> Int64 = new VarIntCodec<long>(static v => v, static v => v, "long");
    public static readonly IFieldCodec<ulong> UInt64 = new UInt64Codec();
    public static readonly IFieldCodec<char> Char = new VarIntCodec<char>(static v => v, static v => checked((char)v), "char");
    public static readonly IFieldCodec<TimeSpan> TimeSpan = new VarIntCodec<TimeSpan>(static v => v.Ticks, static v => new TimeSpan(v), "TimeSpan");
    public static readonly IFieldCodec<DateTime> DateTime = new Fixed64Codec<DateTime>(static v => (ulong)v.ToBinary(), static v => System.DateTime.FromBinary((long)v), "DateTime");
    public static readonly IFieldCodec<double> Double = new Fixed64Codec<double>(static v => BitConverter.DoubleToUInt64Bits(v), BitConverter.UInt64BitsToDouble, "double");
    public static readonly IFieldCodec<float> Single = new SingleCodec();
    public static readonly IFieldCodec<decimal> Decimal = new DecimalCodec();
    public static readonly IFieldCodec<string> String = new StringCodec();
    public static readonly IFieldCodec<byte[]> Bytes = new BytesCodec();
    public static readonly IFieldCodec<Guid> Guid = new GuidCodec();
    public static readonly IFieldCodec<DateTimeOffset> DateTimeOffset = new DateTimeOffsetCodec();
    public static readonly IFieldCodec<GrainId> GrainId = new GrainIdCodec();

    private sealed class VarIntCodec<T>(Func<T, long> toWire, Func<long, T> fromWire, string name) : IFieldCodec<T>
    {
        public void Write(ActorWriter writer, uint fieldId, T value)
        {
            writer.WriteTag(fieldId, WireType.VarInt);
            writer.WriteVarInt64(toWire(value));
        }

        public T Read(ref ActorReader reader, WireType wireType)
        {
            ActorReader.Expect(wireType, WireType.VarInt, name);
            return fromWire(reader.ReadVarInt64());
        }
    }

    private sealed class Fixed64Codec<T>(Func<T, ulong> toWire, Func<ulong, T> fromWire, string name) : IFieldCodec<T>
    {
        public void Write(ActorWriter writer, uint fieldId, T value)
        {
            writer.WriteTag(fieldId, WireType.Fixed64);
            writer.WriteFixed64(toWire(value));
        }

        public T Read(ref ActorReader reader, WireType wireType)
        {
            ActorReader.Expect(wireType, WireType.Fixed64, name);
            return fromWire(reader.ReadFixed64());
        }
    }

    private sealed class UInt64Codec : IFieldCodec<ulong>
    {
        public void Write(ActorWriter writer, uint fieldId, ulong value)
        {
            writer.WriteTag(fieldId, WireType.VarInt);
            writer.WriteVarUInt64(value);
        }

        public ulong Read(ref ActorReader reader, WireType wireType)
        {
            ActorReader.Expect(wireType, WireType.VarInt, "ulong");
            return reader.ReadVarUInt64();
        }
    }

    private sealed class SingleCodec : IFieldCodec<float>
    {
        public void Write(ActorWriter writer, uint fieldId, float value)
        {
            writer.WriteTag(fieldId, WireType.Fixed32);
            writer.WriteFixed32(BitConverter.SingleToUInt32Bits(value));
        }

        public float Read(ref ActorReader reader, WireType wireType)
        {
            ActorReader.Expect(wireType, WireType.Fixed32, "float");
            return BitConverter.UInt32BitsToSingle(reader.ReadFixed32());
        }
    }

    private sealed class DecimalCodec : IFieldCodec<decimal>
    {
        public void Write(ActorWriter writer, uint fieldId, decimal value)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(value, bits);
            Span<byte> bytes = stackalloc byte[16];
            for (var i = 0; i < 4; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(bytes[(i * 4)..], bits[i]);
            }

            writer.WriteTag(fieldId, WireType.LengthDelimited);
            writer.WriteLengthDelimited(bytes);
        }

        public decimal Read(ref ActorReader reader, WireType wireType)
        {
            ActorReader.Expect(wireType, WireType.LengthDelimited, "decimal");
            var bytes = reader.ReadLengthDelimited();
            Span<int> bits = stackalloc int[4];
            for (var i = 0; i < 4; i++)
            {
                bits[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]);
            }

            return new decimal(bits);
        }
    }

    private sealed class StringCodec : IFieldCodec<string>
    {
        public void Write(ActorWriter writer, uint fieldId, string value)
        {
            if (value is null)
            {
                writer.WriteNull(fieldId);
                return;
            }

            writer.WriteTag(fieldId, WireType.LengthDelimited);
            writer.WriteString(value);
        }

        public string Read(ref ActorReader reader, WireType wireType)
        {
            if (wireType == WireType.Null)
            {
                return null!;
            }

            ActorReader.Expect(wireType, WireType.LengthDelimited, "string");
            return reader.ReadString();
        }
    }

    private sealed class BytesCodec : IFieldCodec<byte[]>
    {
        public void Write(ActorWriter writer, uint fieldId, byte[] value)
        {
            if (value is null)
            {
                writer.WriteNull(fieldId);
                return;
            }

            writer.WriteTag(fieldId, WireType.LengthDelimited);
            writer.WriteLengthDelimited(value);
        }

        public byte[] Read(ref ActorReader reader, WireType wireType)
        {
            if (wireType == WireType.Null)
            {
                return null!;
            }

            ActorReader.Expect(wireType, WireType.LengthDelimited, "byte[]");
            return reader.ReadLengthDelimited().ToArray();
        }
    }

    private sealed class GuidCodec : IFieldCodec<Guid>
    {
        public void Write(ActorWriter writer, uint fieldId, Guid value)
        {
            Span<byte> bytes = stackalloc byte[16];
            value.TryWriteBytes(bytes);
            writer.WriteTag(fieldId, WireType.LengthDelimited);
            writer.WriteLengthDelimited(bytes);
        }

        public Guid Read(ref ActorReader reader, WireType wireType)
        {
            ActorReader.Expect(wireType, WireType.LengthDelimited, "Guid");
            return new Guid(reader.ReadLengthDelimited());
        }
    }

    private sealed class DateTimeOffsetCodec : IFieldCodec<DateTimeOffset>
    {
        public void Write(ActorWriter writer, uint fieldId, DateTimeOffset value)
        {
            // Ticks and offset as a nested object: both survive, and a later field could be added.
            writer.WriteStartObject(fieldId);
            writer.WriteTag(1, WireType.VarInt);
            writer.WriteVarInt64(value.Ticks);
            writer.WriteTag(2, WireType.VarInt);
            writer.WriteVarInt64((long)value.Offset.TotalMinutes);
            writer.WriteEndObject();
        }

        public DateTimeOffset Read(ref ActorReader reader, WireType wireType)
        {
            ActorReader.Expect(wireType, WireType.StartObject, "DateTimeOffset");
            long ticks = 0;
            long offsetMinutes = 0;
            while (reader.TryReadTag(out var id, out var wt))
            {
                switch (id)
                {
                    case 1:
                        ticks = reader.ReadVarInt64();
                        break;
                    case 2:
                        offsetMinutes = reader.ReadVarInt64();
                        break;
                    default:
                        reader.Skip(wt);
                        break;
                }
            }

            return new DateTimeOffset(ticks, System.TimeSpan.FromMinutes(offsetMinutes));
        }
    }

    private sealed class GrainIdCodec : IFieldCodec<GrainId>
    {
        public void Write(ActorWriter writer, uint fieldId, GrainId value)
        {
            writer.WriteStartObject(fieldId);
            String.Write(writer, 1, value.Type);
            String.Write(writer, 2, value.Key);
            writer.WriteEndObject();
        }

        public GrainId Read(ref ActorReader reader, WireType wireType)
        {
            ActorReader.Expect(wireType, WireType.StartObject, "GrainId");
            string type = string.Empty;
            string key = string.Empty;
            while (reader.TryReadTag(out var id, out var wt))
            {
                switch (id)
                {
                    case 1:
                        type = String.Read(ref reader, wt);
                        break;
                    case 2:
                        key = String.Read(ref reader, wt);
                        break;
                    default:
                        reader.Skip(wt);
                        break;
                }
            }

            return new GrainId(type, key);
        }
    }
}
