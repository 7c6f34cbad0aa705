namespace Platform.Actors.Tests.Serialization;

public enum Color
{
    Red = 1,
    Green = 2,
    Blue = -3,
}

[GenerateSerializer]
public sealed record Money([property: Id(0)] decimal Amount, [property: Id(1)] string Currency);

[GenerateSerializer]
public readonly record struct Point([property: Id(0)] int X, [property: Id(1)] int Y);

[GenerateSerializer]
public sealed class Everything
{
    [Id(0)] public bool Flag { get; set; }
    [Id(1)] public byte Byte { get; set; }
    [Id(2)] public sbyte SByte { get; set; }
    [Id(3)] public short Small { get; set; }
    [Id(4)] public ushort USmall { get; set; }
    [Id(5)] public int Number { get; set; }
    [Id(6)] public uint UNumber { get; set; }
    [Id(7)] public long Big { get; set; }
    [Id(8)] public ulong UBig { get; set; }
    [Id(9)] public char Letter { get; set; }
    [Id(10)] public float Real32 { get; set; }
    [Id(11)] public double Real64 { get; set; }
    [Id(12)] public decimal Exact { get; set; }
    [Id(13)] public string? Text { get; set; }
    [Id(14)] public Guid Identity { get; set; }
    [Id(15)] public DateTime DateTime { get; set; }
    [Id(16)] public DateTimeOffset DateTimeOffset { get; set; }
    [Id(17)] public TimeSpan TimeSpan { get; set; }
    [Id(18)] public byte[]? Bytes { get; set; }
    [Id(19)] public Color Color { get; set; }
    [Id(20)] public int? MaybeInt { get; set; }
    [Id(21)] public int[]? Numbers { get; set; }
    [Id(22)] public List<string?>? Names { get; set; }
    [Id(23)] public Dictionary<string, Money>? Balances { get; set; }
    [Id(24)] public Money? Nested { get; set; }
    [Id(25)] public Point Point { get; set; }
    [Id(26)] public IReadOnlyList<Point>? Points { get; set; }
    [Id(27)] public IReadOnlyDictionary<int, Color?>? Lookup { get; set; }
    [Id(28)] public GrainId Grain { get; set; }
}

/// <summary>Version 1 of a message.</summary>
[GenerateSerializer]
public sealed class TransferV1
{
    [Id(0)] public string From { get; init; } = "";
    [Id(1)] public decimal Amount { get; init; }
}

/// <summary>Version 2 of the same message: two fields added, including a nested object and a list.</summary>
[GenerateSerializer]
public sealed class TransferV2
{
    [Id(0)] public string From { get; init; } = "";
    [Id(1)] public decimal Amount { get; init; }
    [Id(2)] public Money? Fee { get; init; }
    [Id(3)] public List<string>? Tags { get; init; }
}

[GenerateSerializer]
public sealed class ConstructedOnly(string name, int age)
{
    [Id(0)] public string Name { get; } = name;
    [Id(1)] public int Age { get; } = age;
}
