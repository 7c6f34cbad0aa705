using System.Buffers.Binary;
using System.Text;

namespace Platform.Actors.Serialization;

/// <summary>
/// Writes the tagged wire format into a growable buffer. Each field is a tag (<c>fieldId &lt;&lt; 3 | wireType</c> as a varint)
/// followed by its payload. Instances are not thread-safe; the runtime rents one per thread.
/// </summary>
public sealed class ActorWriter
{
    [ThreadStatic]
    private static ActorWriter? t_cached;

    private byte[] _buffer;
    private int _length;

    /// <summary>Creates a writer with the given initial capacity in bytes.</summary>
    public ActorWriter(int initialCapacity = 256)
    {
        _buffer = new byte[Math.Max(16, initialCapacity)];
    }

    /// <summary>The number of bytes written.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far; valid until the next write or <see cref="Reset"/>.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Takes this thread's cached writer (or a new one), reset and ready. Hand it back with <see cref="Return"/>.</summary>
    public static ActorWriter Rent()
    {
        var writer = t_cached ?? new ActorWriter();
        t_cached = null;
        writer.Reset();
        return writer;
    }

    /// <summary>Returns a rented writer to this thread's cache; large buffers are dropped so one big message does not pin memory.</summary>
    public static void Return(ActorWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (writer._buffer.Length <= 64 * 1024)
        {
            t_cached = writer;
        }
    }

    /// <summary>Copies the written bytes into a new array.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Forgets everything written, keeping the buffer.</summary>
    public void Reset() => _length = 0;

    /// <summary>Writes a field tag.</summary>
    public void WriteTag(uint fieldId, WireType wireType) => WriteVarUInt64(((ulong)fieldId << 3) | (byte)wireType);

    /// <summary>Writes an unsigned varint.</summary>
    public void WriteVarUInt64(ulong value)
    {
        Ensure(10);
        var buffer = _buffer;
        var position = _length;
        while (value >= 0x80)
        {
            buffer[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[position++] = (byte)value;
        _length = position;
    }

    /// <summary>Writes a signed varint with zig-zag encoding, so small negative numbers stay short.</summary>
    public void WriteVarInt64(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes four bytes, little-endian.</summary>
    public void WriteFixed32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    /// <summary>Writes eight bytes, little-endian.</summary>
    public void WriteFixed64(ulong value)
    {
        Ensure(8);
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    /// <summary>Writes a varint length and the bytes.</summary>
    public void WriteLengthDelimited(ReadOnlySpan<byte> value)
    {
        WriteVarUInt64((ulong)value.Length);
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    /// <summary>Writes a string as a varint length and its UTF-8 bytes.</summary>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt64((ulong)byteCount);
        Ensure(byteCount);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    /// <summary>Writes a field that carries null.</summary>
    public void WriteNull(uint fieldId) => WriteTag(fieldId, WireType.Null);

    /// <summary>Opens a nested object or collection in field <paramref name="fieldId"/>.</summary>
    public void WriteStartObject(uint fieldId) => WriteTag(fieldId, WireType.StartObject);

    /// <summary>Closes the innermost nested object or collection.</summary>
    public void WriteEndObject() => WriteTag(0, WireType.EndObject);

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }
}
