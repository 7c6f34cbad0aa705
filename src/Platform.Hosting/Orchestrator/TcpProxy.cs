using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Platform.Hosting.Orchestrator;

// One stable loopback port in front of a resource's replicas: each accepted connection goes to the next replica
// (round robin) that accepts a connection, then bytes are pumped both ways until either side closes. Raw TCP,
// so it carries HTTP/1.1, HTTP/2 and anything else unchanged.
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<IReadOnlyList<int>> _backends;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private Task _acceptLoop = Task.CompletedTask;
    private int _next = -1;

    public TcpProxy(int port, Func<IReadOnlyList<int>> backends)
    {
        Port = port;
        _backends = backends;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    }

    public int Port { get; }

    public void Start()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, Port));
        _listener.Listen(512);
        _acceptLoop = AcceptLoopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Dispose();
        foreach (var socket in _open.Keys)
        {
            socket.Dispose();
        }

        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            _ = HandleAsync(client);
        }
    }

    private async Task HandleAsync(Socket client)
    {
        _open.TryAdd(client, 0);
        Socket? backend = null;
        try
        {
            backend = await ConnectToBackendAsync();
            if (backend is null)
            {
                return;
            }

            _open.TryAdd(backend, 0);
            await Task.WhenAll(PumpAsync(client, backend), PumpAsync(backend, client));
        }
        catch (Exception)
        {
            // A connection reset on either side ends this connection only.
        }
        finally
        {
            _open.TryRemove(client, out _);
            client.Dispose();
            if (backend is not null)
            {
                _open.TryRemove(backend, out _);
                backend.Dispose();
            }
        }
    }

    private async Task<Socket?> ConnectToBackendAsync()
    {
        var ports = _backends();
        var first = Interlocked.Increment(ref _next);
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[(int)((uint)(first + i) % (uint)ports.Count)];
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
                return socket;
            }
            catch (Exception) when (!_stopping.IsCancellationRequested)
            {
                // That replica is down (restarting, crashed): try the next one.
                socket.Dispose();
            }
        }

        return null;
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }

            // Pass the half-close on, so a request-then-shutdown client still gets its answer.
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception)
        {
            // Closing both sockets ends the other direction too.
            from.Dispose();
            to.Dispose();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
