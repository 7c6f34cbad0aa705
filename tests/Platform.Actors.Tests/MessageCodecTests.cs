using System.Collections.Immutable;
using Platform.Actors.CodeGeneration;
using Platform.Actors.Runtime;
using Platform.Actors.Serialization;

namespace Platform.Actors.Tests;

public sealed class MessageCodecTests
{
    [Fact]
    public void ReadRequest_WrittenRequest_RoundTripsEveryFieldButTheToken()
    {
        var guid = Guid.NewGuid();
        var message = new Message
        {
            Target = new GrainId("account", "42"),
            InterfaceName = "Bank.IAccountGrain",
            MethodId = 123456789u,
            MethodName = "TransferAsync",
            Body = [1, 2, 3],
            Options = InvokeMethodOptions.OneWay | InvokeMethodOptions.AlwaysInterleave,
            RequestContext = ImmutableDictionary<string, object>.Empty
                .Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .Add("attempt", 3L)
                .Add("flag", true)
                .Add("ratio", 0.5)
                .Add("id", guid),
            CancellationToken = new CancellationToken(canceled: true),
        };
        var writer = new ActorWriter();

        MessageCodec.WriteRequest(writer, message);
        var read = MessageCodec.ReadRequest(writer.WrittenSpan);

        Assert.Equal(message.Target, read.Target);
        Assert.Equal((message.InterfaceName, message.MethodId, message.MethodName, message.Options), (read.InterfaceName, read.MethodId, read.MethodName, read.Options));
        Assert.Equal(message.Body, read.Body);
        Assert.Equal(message.RequestContext.OrderBy(p => p.Key), read.RequestContext!.OrderBy(p => p.Key));
        Assert.False(read.CancellationToken.CanBeCanceled);
    }

    [Fact]
    public void WriteRequest_ContextValueThatCannotCrossSilos_ThrowsNamingKey()
    {
        var message = new Message
        {
            Target = new GrainId("a", "1"),
            InterfaceName = "I",
            MethodId = 1,
            MethodName = "M",
            Body = [],
            RequestContext = ImmutableDictionary<string, object>.Empty.Add("user", new object()),
        };

        var error = Assert.Throws<ActorSerializationException>(() => MessageCodec.WriteRequest(new ActorWriter(), message));

        Assert.Contains("RequestContext value 'user' is a System.Object, which cannot cross silos", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadResponse_GrainMethodException_RebuiltWithItsFacts()
    {
        var cause = new InvalidOperationException("insufficient funds");
        var writer = new ActorWriter();

        MessageCodec.WriteResponse(writer, ResponseMessage.Failure(new GrainMethodException(new GrainId("account", "42"), "Bank.IAccountGrain", "TransferAsync", cause)));
        var error = Assert.IsType<GrainMethodException>(MessageCodec.ReadResponse(writer.WrittenSpan).Exception);

        Assert.Equal("Grain 'account/42' method 'Bank.IAccountGrain.TransferAsync' threw System.InvalidOperationException: insufficient funds", error.Message);
        Assert.Equal((new GrainId("account", "42"), "TransferAsync", "System.InvalidOperationException", "insufficient funds"), (error.GrainId, error.MethodName, error.CauseType, error.CauseMessage));
        Assert.Null(error.InnerException);
    }

    [Fact]
    public void ReadResponse_Success_ReturnsBody()
    {
        var writer = new ActorWriter();

        MessageCodec.WriteResponse(writer, ResponseMessage.Success([9, 8]));
        var read = MessageCodec.ReadResponse(writer.WrittenSpan);

        Assert.Null(read.Exception);
        Assert.Equal([9, 8], read.Body);
    }
}
