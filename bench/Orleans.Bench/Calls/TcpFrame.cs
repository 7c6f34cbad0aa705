using System.Buffers.Binary;
using System.Net.Sockets;

namespace Orleans.Bench.Calls;

/// <summary>A frame: a 4-byte little-endian payload length, then the payload.</summary>
internal static class TcpFrame
{
    public const int MaxPayload = 64;

    /// <summary>Reads one frame into <paramref name="buffer"/> (header included); returns its payload length, 0 at end of stream.</summary>
    public static async ValueTask<int> ReadAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        if (!await ReadExactlyAsync(socket, buffer.AsMemory(0, 4), cancellationToken))
        {
            return 0;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(buffer);
        if (length is <= 0 or > MaxPayload)
        {
            throw new InvalidDataException($"Echo frame of {length} bytes; expected 1 to {MaxPayload}.");
        }

        return await ReadExactlyAsync(socket, buffer.AsMemory(4, length), cancellationToken) ? length : 0;
    }

    private static async ValueTask<bool> ReadExactlyAsync(Socket socket, Memory<byte> into, CancellationToken cancellationToken)
    {
        while (into.Length > 0)
        {
            var read = await socket.ReceiveAsync(into, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return false;
            }

            into = into[read..];
        }

        return true;
    }
}
