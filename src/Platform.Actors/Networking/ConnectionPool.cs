using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Platform.Actors.Runtime;

namespace Platform.Actors.Networking;

/// <summary>
/// One outbound connection per remote silo endpoint, opened on first use and reopened after a loss. After a failed
/// connect, further attempts wait a backoff (doubling from <see cref="TransportOptions.ReconnectDelay"/> up to
/// <see cref="TransportOptions.MaxReconnectDelay"/>), and calls in that window fail at once instead of each waiting for a
/// connect timeout. A sweep fails calls the caller has already given up on (its response time-out) so nothing leaks.
/// </summary>
internal sealed class ConnectionPool : IAsyncDisposable
{
    private readonly ConcurrentDictionary<IPEndPoint, Entry> _entries = new();
    private readonly byte[] _key;
    private readonly IIncomingMessageHandler? _handler;
    private readonly TransportOptions _options;
    private readonly TimeSpan _responseTimeout;
    private readonly ILogger _logger;
    private readonly Timer _sweep;
    private volatile bool _disposed;

    public ConnectionPool(byte[] key, IIncomingMessageHandler? handler, TransportOptions options, TimeSpan responseTimeout, ILogger logger)
    {
        _key = key;
        _handler = handler;
        _options = options;
        _responseTimeout = responseTimeout;
        _logger = logger;
        _sweep = new Timer(static s => ((ConnectionPool)s!).Sweep(), this, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>Sends a request to the silo at <paramref name="endpoint"/>; connection failures become a failed response.</summary>
    public async Task<ResponseMessage> SendAsync(IPEndPoint endpoint, Message message, byte hops)
    {
        Connection connection;
        try
        {
            connection = await GetAsync(endpoint);
        }
        catch (SiloUnavailableException ex)
        {
            return ResponseMessage.Failure(ex);
        }

        return await connection.SendRequestAsync(message, hops, endpoint.ToString());
    }

    /// <summary>Pings the silo (opening a connection if needed); false when it does not answer within <paramref name="timeout"/>.</summary>
    public async Task<bool> PingAsync(IPEndPoint endpoint, TimeSpan timeout)
    {
        try
        {
            var connection = await GetAsync(endpoint).WaitAsync(timeout);
            return await connection.PingAsync(timeout);
        }
        catch (Exception ex) when (ex is SiloUnavailableException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Tells the silo to re-read the membership table; best effort.</summary>
    public async Task GossipAsync(IPEndPoint endpoint)
    {
        try
        {
            (await GetAsync(endpoint)).SendGossip();
        }
        catch (SiloUnavailableException)
        {
            // It learns at its next refresh.
        }
    }

    /// <summary>Returns the open connection to <paramref name="endpoint"/>, connecting if needed.</summary>
    public Task<Connection> GetAsync(IPEndPoint endpoint)
    {
        if (_disposed)
        {
            return Task.FromException<Connection>(new SiloUnavailableException($"This silo or client is shutting down; the call to silo {endpoint} was not sent."));
        }

        var entry = _entries.GetOrAdd(endpoint, static _ => new Entry());
        lock (entry)
        {
            if (entry.Current is { } current && !(current.IsCompletedSuccessfully && current.Result.IsClosed) && !current.IsFaulted)
            {
                return current;
            }

            var now = Environment.TickCount64;
            if (entry.RetryAt > now)
            {
                return Task.FromException<Connection>(new SiloUnavailableException(
                    $"Silo {endpoint} could not be reached recently; the next connection attempt is in {entry.RetryAt - now} ms. The call was not sent and can be retried."));
            }

            entry.Current = ConnectAsync(endpoint, entry);
            return entry.Current;
        }
    }

    /// <summary>Closes the connection to a silo (declared dead): its pending calls fail at once.</summary>
    public void Drop(IPEndPoint endpoint)
    {
        if (_entries.TryRemove(endpoint, out var entry) && entry.Current is { IsCompletedSuccessfully: true } task)
        {
            task.Result.Abort();
        }
    }

    /// <summary>Closes every connection (kill or shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _sweep.DisposeAsync();
        foreach (var endpoint in _entries.Keys)
        {
            Drop(endpoint);
        }
    }

    private async Task<Connection> ConnectAsync(IPEndPoint endpoint, Entry entry)
    {
        try
        {
            var connection = await Connection.ConnectAsync(endpoint, _key, _handler, _options.ConnectTimeout, _logger);
            lock (entry)
            {
                entry.Delay = TimeSpan.Zero;
            }

            if (_disposed)
            {
                connection.Abort();
            }

            return connection;
        }
        catch (SiloUnavailableException)
        {
            lock (entry)
            {
                entry.Delay = entry.Delay == TimeSpan.Zero ? _options.ReconnectDelay : TimeSpan.FromTicks(Math.Min(entry.Delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
                entry.RetryAt = Environment.TickCount64 + (long)entry.Delay.TotalMilliseconds;
            }

            throw;
        }
    }

    private void Sweep()
    {
        foreach (var entry in _entries.Values)
        {
            if (entry.Current is { IsCompletedSuccessfully: true } task)
            {
                // The caller waits ResponseTimeout; a little longer here so the caller's own timeout message wins.
                task.Result.ExpireOlderThan(_responseTimeout + TimeSpan.FromSeconds(1));
            }
        }
    }

    private sealed class Entry
    {
        public Task<Connection>? Current { get; set; }

        public long RetryAt { get; set; }

        public TimeSpan Delay { get; set; }
    }
}
