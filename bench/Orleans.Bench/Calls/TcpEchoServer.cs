using System.Net;
using System.Net.Sockets;

namespace Orleans.Bench.Calls;

/// <summary>
/// The network's own cost: a length-prefixed echo over loopback TCP, one connection per caller, Nagle off (as Orleans
/// sets it), no framework in between.
/// </summary>
internal sealed class TcpEchoServer : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly List<Socket> _connections = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TcpEchoServer()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _accepting = AcceptAsync();
    }

    public IPEndPoint EndPoint { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        lock (_connections)
        {
            _connections.ForEach(c => c.Dispose());
        }

        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var connection = await _listener.AcceptAsync(_stop.Token);
            connection.NoDelay = true;
            lock (_connections)
            {
                _connections.Add(connection);
            }

            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        var buffer = new byte[4 + TcpFrame.MaxPayload];
        try
        {
            while (await TcpFrame.ReadAsync(connection, buffer, _stop.Token) is var length and > 0)
            {
                await connection.SendAsync(buffer.AsMemory(0, 4 + length), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client or the server went away.
        }
    }
}
