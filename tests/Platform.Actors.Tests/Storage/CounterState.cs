namespace Platform.Actors.Tests.Storage;

/// <summary>A mutable state class, the usual shape of grain state.</summary>
public sealed class CounterState
{
    public int Value { get; set; }

    public List<string> Items { get; set; } = [];
}
