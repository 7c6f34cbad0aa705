using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Platform.Actors.Networking;

/// <summary>Accepts silo and client connections on the silo port; each must pass the handshake before its frames are read.</summary>
internal sealed class SiloListener(byte[] key, IIncomingMessageHandler handler, TimeSpan handshakeTimeout, ILogger logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Connection, byte> _connections = new();
    private Socket? _socket;
    private Task? _acceptLoop;
    private volatile bool _disposed;

    public IPEndPoint LocalEndPoint => (IPEndPoint)(_socket?.LocalEndPoint ?? throw new InvalidOperationException("The silo listener has not started."));

    public void Start(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endpoint);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new InvalidOperationException($"The silo could not listen on {endpoint}: {ex.SocketErrorCode}. Choose a free Actors:SiloPort, or 0 for any free port.", ex);
        }

        socket.Listen(512);
        _socket = socket;
        Log.Listening(logger, socket.LocalEndPoint!);
        _acceptLoop = AcceptLoopAsync(socket);
    }

    /// <summary>Stops accepting and resets every accepted connection (peers see the loss at once).</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _socket?.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop;
        }

        foreach (var connection in _connections.Keys)
        {
            connection.Abort();
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket accepted;
            try
            {
                accepted = await listener.AcceptAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return; // The listener was closed.
            }

            _ = AcceptOneAsync(accepted);
        }
    }

    private async Task AcceptOneAsync(Socket socket)
    {
        var connection = await Connection.AcceptAsync(socket, key, handler, handshakeTimeout, logger);
        if (connection is null)
        {
            return;
        }

        _connections[connection] = 0;
        if (_disposed)
        {
            connection.Abort();
        }

        await connection.Closed;
        _connections.TryRemove(connection, out _);
    }
}
