using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Platform.Actors.Bench;

/// <summary>
/// The baseline: bare sockets, one connection per caller, each request a frame with the transport's 14-byte header and a
/// small payload, echoed by the server. What the cluster transport adds (handshake aside) is measured against this.
/// </summary>
internal sealed class RawTcpEcho : IAsyncDisposable
{
    private const int PayloadLength = 48;
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly List<Socket> _sockets = [];

    public RawTcpEcho()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(128);
        _ = AcceptAsync();
    }

    public async Task<Func<Task>> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(_listener.LocalEndPoint!);
        lock (_sockets)
        {
            _sockets.Add(socket);
        }

        var request = new byte[14 + PayloadLength];
        BinaryPrimitives.WriteInt32LittleEndian(request, request.Length - 4);
        var response = new byte[request.Length];
        return async () =>
        {
            await socket.SendAsync(request);
            var read = 0;
            while (read < response.Length)
            {
                read += await socket.ReceiveAsync(response.AsMemory(read));
            }
        };
    }

    public ValueTask DisposeAsync()
    {
        _listener.Dispose();
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptAsync();
                socket.NoDelay = true;
                lock (_sockets)
                {
                    _sockets.Add(socket);
                }

                _ = EchoAsync(socket);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private static async Task EchoAsync(Socket socket)
    {
        var buffer = new byte[14 + PayloadLength];
        try
        {
            while (true)
            {
                var read = 0;
                while (read < buffer.Length)
                {
                    var n = await socket.ReceiveAsync(buffer.AsMemory(read));
                    if (n == 0)
                    {
                        return;
                    }

                    read += n;
                }

                await socket.SendAsync(buffer);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Closed.
        }
    }
}
