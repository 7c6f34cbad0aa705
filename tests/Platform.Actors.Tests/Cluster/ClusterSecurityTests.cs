using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Actors.Networking;
using Platform.Actors.Testing;

namespace Platform.Actors.Tests.Cluster;

public sealed class ClusterSecurityTests
{
    [Fact]
    public async Task Connect_WrongSecret_IsRefusedAndLoggedWithoutTheSecret()
    {
        var logs = new CollectingLoggerProvider();
        await using var cluster = await TestCluster.StartAsync(b =>
        {
            b.InitialSilosCount = 1;
            b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs));
        });
        var silo = cluster.Silos[0];

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() =>
            Connection.ConnectAsync(silo.SiloAddress.Endpoint, Handshake.DeriveKey("not-the-secret"), null, TimeSpan.FromSeconds(10), NullLogger.Instance));

        Assert.Contains("cluster secret", error.Message, StringComparison.Ordinal);
        await ClusterTests.WaitUntilAsync(() => Task.FromResult(logs.Messages.Any(m => m.Contains("Refused connection", StringComparison.Ordinal))));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(cluster.ClusterSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connect_RightSecret_PingsAndCarriesRequests()
    {
        await using var cluster = await TestCluster.StartAsync(b => b.InitialSilosCount = 1);
        var silo = cluster.Silos[0];

        await using var connection = await Connection.ConnectAsync(
            silo.SiloAddress.Endpoint, Handshake.DeriveKey(cluster.ClusterSecret), null, TimeSpan.FromSeconds(10), NullLogger.Instance);

        Assert.True(await connection.PingAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task RawGarbage_ConnectionIsClosedWithoutAnswer()
    {
        await using var cluster = await TestCluster.StartAsync(b => b.InitialSilosCount = 1);
        using var client = new TcpClient();
        await client.ConnectAsync(cluster.Silos[0].SiloAddress.Endpoint);
        var stream = client.GetStream();
        var garbage = new byte[4096];
        Random.Shared.NextBytes(garbage);

        await stream.WriteAsync(garbage);

        // The silo closes the connection: the read ends (0 bytes or a reset) instead of answering.
        var buffer = new byte[256];
        var answered = 0;
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            int read;
            while ((read = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                answered += read;
            }
        }
        catch (IOException)
        {
            // A reset is a refusal too.
        }

        Assert.Equal(0, answered);
    }

    private sealed class CollectingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyCollection<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => new Logger(_messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception) + exception);
        }
    }
}
