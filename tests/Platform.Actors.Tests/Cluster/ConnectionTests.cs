using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Actors.Networking;
using Platform.Actors.Runtime;

namespace Platform.Actors.Tests.Cluster;

public sealed class ConnectionTests
{
    private static readonly byte[] Key = Handshake.DeriveKey("connection-tests-secret");

    [Fact]
    public async Task SendRequestAsync_ThousandInFlightOnOneConnection_EachGetsItsOwnResponse()
    {
        var handler = new EchoHandler();
        await using var listener = new SiloListener(Key, handler, TimeSpan.FromSeconds(10), NullLogger.Instance);
        listener.Start(new IPEndPoint(IPAddress.Loopback, 0));
        await using var connection = await Connection.ConnectAsync(listener.LocalEndPoint, Key, null, TimeSpan.FromSeconds(10), NullLogger.Instance);

        var responses = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => connection.SendRequestAsync(Request(i), 0, "test")));

        for (var i = 0; i < responses.Length; i++)
        {
            Assert.Null(responses[i].Exception);
            Assert.Equal(BitConverter.GetBytes(i), responses[i].Body);
        }
    }

    [Fact]
    public async Task SendRequestAsync_PeerGoesAwayWithCallsPending_TheyFailAtOnceWithSiloUnavailable()
    {
        var handler = new SilentHandler();
        var listener = new SiloListener(Key, handler, TimeSpan.FromSeconds(10), NullLogger.Instance);
        listener.Start(new IPEndPoint(IPAddress.Loopback, 0));
        await using var connection = await Connection.ConnectAsync(listener.LocalEndPoint, Key, null, TimeSpan.FromSeconds(10), NullLogger.Instance);
        var pending = Enumerable.Range(0, 10).Select(i => connection.SendRequestAsync(Request(i), 0, "test")).ToArray();
        await handler.Received.Task;

        await listener.DisposeAsync();

        foreach (var response in await Task.WhenAll(pending))
        {
            var error = Assert.IsType<SiloUnavailableException>(response.Exception);
            Assert.Contains("outcome is unknown", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SendRequestAsync_RequestContextValueCannotCrossSilos_FailsThatCallOnlyAndTheConnectionStaysUp()
    {
        await using var listener = new SiloListener(Key, new EchoHandler(), TimeSpan.FromSeconds(10), NullLogger.Instance);
        listener.Start(new IPEndPoint(IPAddress.Loopback, 0));
        await using var connection = await Connection.ConnectAsync(listener.LocalEndPoint, Key, null, TimeSpan.FromSeconds(10), NullLogger.Instance);
        var bad = Request(1);
        bad = new Message
        {
            Target = bad.Target,
            InterfaceName = bad.InterfaceName,
            MethodId = bad.MethodId,
            MethodName = bad.MethodName,
            Body = bad.Body,
            RequestContext = System.Collections.Immutable.ImmutableDictionary<string, object>.Empty.Add("tenant", new object()),
        };

        var failed = await connection.SendRequestAsync(bad, 0, "test");
        var echoed = await connection.SendRequestAsync(Request(2), 0, "test");

        var error = Assert.IsType<Platform.Actors.Serialization.ActorSerializationException>(failed.Exception);
        Assert.Contains("tenant", error.Message, StringComparison.Ordinal);
        Assert.Equal(BitConverter.GetBytes(2), echoed.Body);
        Assert.False(connection.IsClosed);
    }

    [Fact]
    public void Frame_TooLong_IsMalformed()
    {
        var bytes = new byte[Frame.HeaderLength];
        Frame.WriteHeader(bytes, FrameKind.Request, 0, 1, Frame.MaxFrameLength);
        var buffer = new System.Buffers.ReadOnlySequence<byte>(bytes);

        Assert.False(Frame.TryRead(ref buffer, out _, out _, out _, out _, out var malformed));

        Assert.True(malformed);
    }

    private static Message Request(int i) => new()
    {
        Target = new GrainId("echo", i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        InterfaceName = "IEcho",
        MethodId = 1,
        MethodName = "EchoAsync",
        Body = BitConverter.GetBytes(i),
    };

    private sealed class EchoHandler : IIncomingMessageHandler
    {
        public void OnRequest(Connection connection, Message message, byte hops, long correlationId) =>
            connection.SendResponse(correlationId, ResponseMessage.Success(message.Body));

        public void OnGossip()
        {
        }
    }

    private sealed class SilentHandler : IIncomingMessageHandler
    {
        public TaskCompletionSource Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnRequest(Connection connection, Message message, byte hops, long correlationId) => Received.TrySetResult();

        public void OnGossip()
        {
        }
    }
}
