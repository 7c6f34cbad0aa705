using System.Buffers;
using System.Buffers.Binary;

namespace Platform.Actors.Networking;

/// <summary>
/// The frame layout after the handshake: a 4-byte little-endian length of what follows, then kind (1 byte), forward
/// count (1 byte), correlation id (8 bytes) and the payload (a <see cref="Runtime.MessageCodec"/> request or response).
/// </summary>
internal static class Frame
{
    public const int HeaderLength = 14;

    // Bigger frames are a protocol error (or an attack): the connection is closed rather than buffering without bound.
    public const int MaxFrameLength = 64 * 1024 * 1024;

    public static void WriteHeader(Span<byte> destination, FrameKind kind, byte hops, long correlationId, int payloadLength)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, payloadLength + HeaderLength - 4);
        destination[4] = (byte)kind;
        destination[5] = hops;
        BinaryPrimitives.WriteInt64LittleEndian(destination[6..], correlationId);
    }

    /// <summary>Reads one whole frame from <paramref name="buffer"/> if it holds one; a malformed length sets <paramref name="malformed"/>.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out FrameKind kind, out byte hops, out long correlationId, out ReadOnlySequence<byte> payload, out bool malformed)
    {
        kind = default;
        hops = 0;
        correlationId = 0;
        payload = default;
        malformed = false;
        if (buffer.Length < HeaderLength)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(header);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < HeaderLength - 4 || length > MaxFrameLength || header[4] is < (byte)FrameKind.Request or > (byte)FrameKind.Gossip)
        {
            malformed = true;
            return false;
        }

        if (buffer.Length < length + 4L)
        {
            return false;
        }

        kind = (FrameKind)header[4];
        hops = header[5];
        correlationId = BinaryPrimitives.ReadInt64LittleEndian(header[6..]);
        payload = buffer.Slice(HeaderLength, length - (HeaderLength - 4));
        buffer = buffer.Slice(length + 4L);
        return true;
    }
}
