using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Platform.Actors.Runtime;

namespace Platform.Actors.Networking;

/// <summary>
/// One authenticated TCP connection carrying many requests at once, matched to responses by correlation id. Outgoing
/// frames go through a single-reader channel; the writer loop encodes everything queued into the pipe and flushes once
/// per batch. The reader loop parses frames and hands requests to the <see cref="IIncomingMessageHandler"/> without
/// waiting for them. When the connection ends, every pending call fails at once with <see cref="SiloUnavailableException"/>.
/// </summary>
internal sealed partial class Connection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly Channel<OutgoingFrame> _outbox = Channel.CreateUnbounded<OutgoingFrame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, PendingCall> _pending = new();
    private readonly IIncomingMessageHandler? _handler;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;
    private int _closeStarted;

    private Connection(Socket socket, NetworkStream stream, PipeReader reader, PipeWriter writer, EndPoint remote, IIncomingMessageHandler? handler, ILogger logger)
    {
        _socket = socket;
        _stream = stream;
        _reader = reader;
        _writer = writer;
        RemoteEndPoint = remote;
        _handler = handler;
        _logger = logger;
    }

    public EndPoint RemoteEndPoint { get; }

    public bool IsClosed => Volatile.Read(ref _closeStarted) != 0;

    /// <summary>Completes when the connection has closed, for whatever reason.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Number of calls waiting for their response.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Connects, runs the handshake as the connecting side and starts the loops; throws <see cref="SiloUnavailableException"/> when either fails.</summary>
    public static async Task<Connection> ConnectAsync(IPEndPoint endpoint, byte[] key, IIncomingMessageHandler? handler, TimeSpan timeout, ILogger logger)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(endpoint, cts.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            throw new SiloUnavailableException($"Could not connect to silo {endpoint}: {(ex is SocketException s ? s.SocketErrorCode.ToString() : "timed out")}. The silo is down or unreachable; the call was not sent and can be retried.", ex);
        }

        var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream);
        var writer = PipeWriter.Create(stream);
        string? refusal;
        try
        {
            refusal = await Handshake.ConnectAsync(reader, writer, key, cts.Token);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            refusal = "the handshake did not complete (" + ex.GetType().Name + ")";
        }

        if (refusal is not null)
        {
            await stream.DisposeAsync();
            Log.HandshakeFailed(logger, endpoint, refusal);
            throw new SiloUnavailableException($"Connection to silo {endpoint} was refused: {refusal}. Check that every silo and client of the cluster uses the same Actors:ClusterSecret.");
        }

        var connection = new Connection(socket, stream, reader, writer, endpoint, handler, logger);
        connection.Start();
        return connection;
    }

    /// <summary>Runs the handshake as the accepting side and starts the loops; returns null (and closes the socket) when the peer is refused.</summary>
    public static async Task<Connection?> AcceptAsync(Socket socket, byte[] key, IIncomingMessageHandler handler, TimeSpan timeout, ILogger logger)
    {
        var remote = socket.RemoteEndPoint ?? new IPEndPoint(IPAddress.None, 0);
        socket.NoDelay = true;
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream);
        var writer = PipeWriter.Create(stream);
        string? refusal;
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            refusal = await Handshake.AcceptAsync(reader, writer, key, cts.Token);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            refusal = ex is OperationCanceledException ? "the handshake timed out" : "the connection broke during the handshake";
        }

        if (refusal is not null)
        {
            Log.ConnectionRefused(logger, remote, refusal);
            await stream.DisposeAsync();
            return null;
        }

        var connection = new Connection(socket, stream, reader, writer, remote, handler, logger);
        connection.Start();
        return connection;
    }

    /// <summary>Sends a request; the task completes with the response, or a failure when the connection is lost first.</summary>
    public Task<ResponseMessage> SendRequestAsync(Message message, byte hops, string target)
    {
        var oneWay = (message.Options & CodeGeneration.InvokeMethodOptions.OneWay) != 0;
        var id = Interlocked.Increment(ref _nextId);
        var pending = new PendingCall(message, target);
        if (!oneWay)
        {
            _pending[id] = pending;
        }

        if (IsClosed || !_outbox.Writer.TryWrite(new OutgoingFrame(oneWay ? FrameKind.OneWayRequest : FrameKind.Request, hops, id, message)))
        {
            _pending.TryRemove(id, out _);
            return Task.FromResult(ResponseMessage.Failure(new SiloUnavailableException(
                $"The connection to silo {target} closed before the call to '{message.InterfaceName}.{message.MethodName}' on grain '{message.Target}' was sent. The call can be retried.")));
        }

        if (oneWay)
        {
            return Task.FromResult(ResponseMessage.Success([]));
        }

        // A close that raced with the registration must not leave the call waiting.
        if (IsClosed && _pending.TryRemove(id, out _))
        {
            pending.FailLost();
        }

        return pending.Task;
    }

    /// <summary>Sends a ping and waits for the pong; false when none arrives within <paramref name="timeout"/> or the connection is lost.</summary>
    public async Task<bool> PingAsync(TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var pending = new PendingCall(null, RemoteEndPoint.ToString()!);
        _pending[id] = pending;
        if (!_outbox.Writer.TryWrite(new OutgoingFrame(FrameKind.Ping, 0, id, null)))
        {
            _pending.TryRemove(id, out _);
            return false;
        }

        try
        {
            var response = await pending.Task.WaitAsync(timeout);
            return response.Exception is null;
        }
        catch (TimeoutException)
        {
            _pending.TryRemove(id, out _);
            return false;
        }
    }

    /// <summary>Fails pending calls older than <paramref name="age"/> (the caller has given up on them) so the table stays bounded.</summary>
    public void ExpireOlderThan(TimeSpan age)
    {
        var limit = Environment.TickCount64 - (long)age.TotalMilliseconds;
        foreach (var (id, call) in _pending)
        {
            if (call.StartedAt < limit && _pending.TryRemove(id, out _))
            {
                call.FailTimedOut(age);
            }
        }
    }

    /// <summary>Tells the peer to re-read the membership table.</summary>
    public void SendGossip() => _outbox.Writer.TryWrite(new OutgoingFrame(FrameKind.Gossip, 0, 0, null));

    internal void SendResponse(long correlationId, ResponseMessage response) =>
        _outbox.Writer.TryWrite(new OutgoingFrame(FrameKind.Response, 0, correlationId, response));

    /// <summary>Closes the connection now: pending calls fail at once, nothing more is read or written.</summary>
    public void Abort() => Close(null);

    public async ValueTask DisposeAsync()
    {
        Abort();
        await _closed.Task;
        _closing.Dispose();
    }

    private void Start()
    {
        _ = ReadLoopAsync();
        _ = WriteLoopAsync();
    }

    private void Close(Exception? error)
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) != 0)
        {
            return;
        }

        if (error is not null)
        {
            Log.ConnectionLost(_logger, RemoteEndPoint, error.Message);
        }

        _outbox.Writer.TryComplete();
        _closing.Cancel();
        try
        {
            // Reset rather than a graceful close: the peer must see the loss at once, as after a crash.
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        _stream.Dispose();
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var call))
            {
                call.FailLost();
            }
        }

        _closed.TrySetResult();
    }

    private readonly record struct OutgoingFrame(FrameKind Kind, byte Hops, long CorrelationId, object? Payload);
}
