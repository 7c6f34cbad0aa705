using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Orleans.Bench.Calls;

/// <summary>One caller's connection to <see cref="TcpEchoServer"/>: one request, then its answer, then the next.</summary>
internal sealed class TcpEchoClient : IEcho, IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly byte[] _buffer = new byte[4 + TcpFrame.MaxPayload];

    private TcpEchoClient()
    {
    }

    public static async Task<TcpEchoClient> ConnectAsync(IPEndPoint server)
    {
        var client = new TcpEchoClient();
        await client._socket.ConnectAsync(server);
        return client;
    }

    public async Task<int> EchoAsync(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer, sizeof(int));
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(4), value);
        await _socket.SendAsync(_buffer.AsMemory(0, 4 + sizeof(int)), SocketFlags.None);
        return await TcpFrame.ReadAsync(_socket, _buffer, CancellationToken.None) == sizeof(int)
            ? BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(4))
            : throw new IOException("The echo server closed the connection.");
    }

    public void Dispose() => _socket.Dispose();
}
