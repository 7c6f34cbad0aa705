using Platform.Actors.Serialization;
using Platform.Actors.Tests.Grains;
using Platform.Actors.Tests.Infrastructure;

namespace Platform.Actors.Tests;

public sealed class GrainErrorTests
{
    [Fact]
    public async Task GetGrain_InterfaceWithoutImplementation_ThrowsGrainTypeNotFound()
    {
        await using var silo = await TestSilo.StartAsync();

        var error = Assert.Throws<GrainTypeNotFoundException>(() => silo.Grains.GetGrain<IOrphanGrain>("x"));

        Assert.Contains("no grain class implements 'Platform.Actors.Tests.Grains.IOrphanGrain'", error.Message, StringComparison.Ordinal);
        Assert.Contains("derives from Grain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetGrain_GrainIdOfUnknownType_CallFailsWithGrainTypeNotFound()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>(new GrainId("no-such-type", "1"));

        var error = await Assert.ThrowsAsync<GrainTypeNotFoundException>(() => grain.IncrementAsync());

        Assert.Contains("Unknown grain type 'no-such-type' for grain 'no-such-type/1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_GrainMethodThrows_GrainMethodExceptionNamesGrainMethodAndCause()
    {
        await using var silo = await TestSilo.StartAsync();

        var error = await Assert.ThrowsAsync<GrainMethodException>(() => silo.Grains.GetGrain<ICounterGrain>("42").ThrowAsync("insufficient funds"));

        Assert.Equal(
            "Grain 'counter/42' method 'Platform.Actors.Tests.Grains.ICounterGrain.ThrowAsync' threw System.InvalidOperationException: insufficient funds",
            error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal(new GrainId("counter", "42"), error.GrainId);
        Assert.Equal("ThrowAsync", error.MethodName);
        Assert.Equal("insufficient funds", error.CauseMessage);
    }

    [Fact]
    public async Task Invoke_NoResponseWithinTimeout_ThrowsGrainCallTimeoutSayingOutcomeUnknown()
    {
        await using var silo = await TestSilo.StartAsync(o => o.ResponseTimeout = TimeSpan.FromMilliseconds(200));
        using var cts = new CancellationTokenSource();

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => silo.Grains.GetGrain<ICounterGrain>("slow").HangAsync(cts.Token));

        Assert.Equal(
            "Grain 'counter/slow' method 'HangAsync' timed out after 200 ms; the outcome is unknown. Retry only if the operation is idempotent or carries an idempotency key.",
            error.Message);
        Assert.IsAssignableFrom<TimeoutException>(error);
        await cts.CancelAsync();
    }

    [Fact]
    public async Task Invoke_CallerCancels_CancellationFlowsToTheGrain()
    {
        await using var silo = await TestSilo.StartAsync();
        using var cts = new CancellationTokenSource();
        var call = silo.Grains.GetGrain<ICounterGrain>(Guid.NewGuid().ToString()).HangAsync(cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Activation_StorageNotRegistered_ThrowsGrainActivationExceptionNamingStorage()
    {
        await using var silo = await TestSilo.StartAsync();

        var error = await Assert.ThrowsAsync<GrainActivationException>(() => silo.Grains.GetGrain<IMissingStorageGrain>("1").PingAsync());

        Assert.Contains("Grain 'missingstorage/1' could not be activated", error.Message, StringComparison.Ordinal);
        Assert.Contains("grain storage 'nowhere', which is not registered", error.Message, StringComparison.Ordinal);
        Assert.Contains("services.AddInMemoryGrainStorage(\"nowhere\")", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activation_OnActivateNeverCompletes_FailsAfterActivationTimeout()
    {
        await using var silo = await TestSilo.StartAsync(o => o.ActivationTimeout = TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<GrainActivationException>(() => silo.Grains.GetGrain<ISlowActivationGrain>("1").PingAsync());

        Assert.Equal(new GrainId("slowactivation", "1"), error.GrainId);
        Assert.Contains("took longer than the activation timeout (0.2 s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Codecs_TypeWithoutSerializer_ThrowsActorSerializationExceptionNamingType()
    {
        var error = Assert.Throws<ActorSerializationException>(() => ActorSerializer.Serialize(new NotSerializable()));

        Assert.Contains("No serializer for type 'Platform.Actors.Tests.GrainErrorTests+NotSerializable'", error.Message, StringComparison.Ordinal);
        Assert.Contains("[GenerateSerializer]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_TruncatedPayload_ThrowsActorSerializationException()
    {
        var payload = ActorSerializer.Serialize("hello world");

        var error = Assert.Throws<ActorSerializationException>(() => ActorSerializer.Deserialize<string>(payload.AsSpan(0, 5)));

        Assert.Contains("truncated or corrupt", error.Message, StringComparison.Ordinal);
    }

    public sealed class NotSerializable
    {
        public int Value { get; set; }
    }
}
