using System.Buffers.Binary;
using System.Text;

namespace Platform.Actors.Serialization;

/// <summary>Reads the tagged wire format written by <see cref="ActorWriter"/>.</summary>
public ref struct ActorReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    /// <summary>Creates a reader over <paramref name="buffer"/>.</summary>
    public ActorReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>True when every byte has been read.</summary>
    public readonly bool IsAtEnd => _position >= _buffer.Length;

    /// <summary>
    /// Reads the next field tag. Returns false at the end of the buffer or at the end of the current nested object
    /// (consuming the end marker), which is how object and collection readers know to stop.
    /// </summary>
    public bool TryReadTag(out uint fieldId, out WireType wireType)
    {
        if (_position >= _buffer.Length)
        {
            fieldId = 0;
            wireType = WireType.EndObject;
            return false;
        }

        var tag = ReadVarUInt64();
        wireType = (WireType)(tag & 7);
        fieldId = (uint)(tag >> 3);
        return wireType != WireType.EndObject;
    }

    /// <summary>Reads an unsigned varint.</summary>
    public ulong ReadVarUInt64()
    {
        ulong result = 0;
        var shift = 0;
        while (true)
        {
            if (shift > 63)
            {
                throw new ActorSerializationException("A varint is longer than 10 bytes; the payload is corrupt or not in the actor wire format.");
            }

            var b = _buffer[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }

            shift += 7;
        }
    }

    /// <summary>Reads a zig-zag encoded signed varint.</summary>
    public long ReadVarInt64()
    {
        var raw = ReadVarUInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>Reads four bytes, little-endian.</summary>
    public uint ReadFixed32()
    {
        var value = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.Slice(_position, 4));
        _position += 4;
        return value;
    }

    /// <summary>Reads eight bytes, little-endian.</summary>
    public ulong ReadFixed64()
    {
        var value = BinaryPrimitives.ReadUInt64LittleEndian(_buffer.Slice(_position, 8));
        _position += 8;
        return value;
    }

    /// <summary>Reads a varint length and returns that many bytes (a slice of the buffer, not a copy).</summary>
    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = checked((int)ReadVarUInt64());
        var value = _buffer.Slice(_position, length);
        _position += length;
        return value;
    }

    /// <summary>Reads a UTF-8 string written by <see cref="ActorWriter.WriteString"/>.</summary>
    public string ReadString() => Encoding.UTF8.GetString(ReadLengthDelimited());

    /// <summary>Skips the payload of a field with the given wire type, including whole nested objects.</summary>
    public void Skip(WireType wireType)
    {
        switch (wireType)
        {
            case WireType.VarInt:
                ReadVarUInt64();
                break;
            case WireType.Fixed64:
                _position += 8;
                break;
            case WireType.Fixed32:
                _position += 4;
                break;
            case WireType.LengthDelimited:
                ReadLengthDelimited();
                break;
            case WireType.StartObject:
                while (TryReadTag(out _, out var inner))
                {
                    Skip(inner);
                }

                break;
            case WireType.Null:
            case WireType.EndObject:
                break;
            default:
                throw new ActorSerializationException($"Unknown wire type {(byte)wireType} at byte {_position}; the payload is corrupt or from an incompatible format.");
        }
    }

    /// <summary>Throws a clear error when a field arrived with a wire type its reader cannot decode.</summary>
    public static void Expect(WireType actual, WireType expected, string typeName)
    {
        if (actual != expected)
        {
            throw new ActorSerializationException(
                $"A field of type '{typeName}' arrived as {actual} but is read as {expected}; the sender and receiver disagree on this field's type. Give the changed member a new [Id].");
        }
    }
}
