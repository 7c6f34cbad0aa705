using Platform.Actors.Serialization;

namespace Platform.Actors.Tests.Serialization;

public sealed class ActorSerializerTests
{
    [Fact]
    public void DeepCopy_EveryBuiltInAndGeneratedType_RoundTrips()
    {
        var original = new Everything
        {
            Flag = true,
            Byte = 255,
            SByte = -128,
            Small = short.MinValue,
            USmall = ushort.MaxValue,
            Number = -123456,
            UNumber = uint.MaxValue,
            Big = long.MinValue,
            UBig = ulong.MaxValue,
            Letter = 'é',
            Real32 = 3.25f,
            Real64 = -1e300,
            Exact = 79228162514264337593543950335m,
            Text = "héllo ✓",
            Identity = Guid.NewGuid(),
            DateTime = new DateTime(2026, 11, 21, 17, 5, 0, DateTimeKind.Utc),
            DateTimeOffset = new DateTimeOffset(2026, 11, 21, 17, 5, 0, TimeSpan.FromHours(-5)),
            TimeSpan = TimeSpan.FromTicks(-123),
            Bytes = [1, 2, 3],
            Color = Color.Blue,
            MaybeInt = 7,
            Numbers = [1, -1, int.MaxValue],
            Names = ["a", null, "c"],
            Balances = new() { ["eur"] = new Money(1.5m, "EUR") },
            Nested = new Money(-0.01m, "USD"),
            Point = new Point(3, -4),
            Points = [new Point(1, 2)],
            Lookup = new Dictionary<int, Color?> { [1] = Color.Red, [2] = null },
            Grain = new GrainId("account", "42"),
        };

        var copy = ActorSerializer.DeepCopy(original);

        Assert.NotSame(original, copy);
        Assert.Equivalent(original, copy, strict: true);
        Assert.NotSame(original.Names, copy.Names);
    }

    [Fact]
    public void DeepCopy_NullsAndDefaults_RoundTrip()
    {
        var copy = ActorSerializer.DeepCopy(new Everything());

        Assert.Null(copy.Text);
        Assert.Null(copy.Names);
        Assert.Null(copy.MaybeInt);
        Assert.Null(copy.Nested);
        Assert.Null(ActorSerializer.DeepCopy<Money?>(null));
        Assert.Null(ActorSerializer.DeepCopy<string?>(null));
    }

    [Fact]
    public void DeepCopy_ConstructorOnlyType_UsesConstructor()
    {
        var copy = ActorSerializer.DeepCopy(new ConstructedOnly("Ada", 36));

        Assert.Equal(("Ada", 36), (copy.Name, copy.Age));
    }

    [Fact]
    public void Deserialize_NewerVersionWithExtraFields_OlderReaderSkipsThem()
    {
        var v2 = new TransferV2 { From = "alice", Amount = 10.5m, Fee = new Money(0.1m, "EUR"), Tags = ["urgent", "x"] };

        var v1 = ActorSerializer.Deserialize<TransferV1>(ActorSerializer.Serialize(v2));

        Assert.Equal("alice", v1.From);
        Assert.Equal(10.5m, v1.Amount);
    }

    [Fact]
    public void Deserialize_OlderVersionMissingFields_NewerReaderDefaultsThem()
    {
        var v1 = new TransferV1 { From = "bob", Amount = 3m };

        var v2 = ActorSerializer.Deserialize<TransferV2>(ActorSerializer.Serialize(v1));

        Assert.Equal("bob", v2.From);
        Assert.Equal(3m, v2.Amount);
        Assert.Null(v2.Fee);
        Assert.Null(v2.Tags);
    }

    [Fact]
    public void Deserialize_FieldChangedWireType_ThrowsClearError()
    {
        // Field 0 of TransferV1 is a string; write an int there instead.
        var writer = new ActorWriter();
        writer.WriteStartObject(0);
        writer.WriteTag(0, WireType.VarInt);
        writer.WriteVarInt64(5);
        writer.WriteEndObject();

        var error = Assert.Throws<ActorSerializationException>(() => ActorSerializer.Deserialize<TransferV1>(writer.ToArray()));

        Assert.Contains("A field of type 'string' arrived as VarInt", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void WriteVarInt64_AnyValue_RoundTripsWithZigZag(long value)
    {
        var writer = new ActorWriter();
        writer.WriteVarInt64(value);
        var reader = new ActorReader(writer.WrittenSpan);

        Assert.Equal(value, reader.ReadVarInt64());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void WriteVarInt64_SmallNegative_IsOneByte()
    {
        var writer = new ActorWriter();
        writer.WriteVarInt64(-1);

        Assert.Equal(1, writer.Length);
    }
}
