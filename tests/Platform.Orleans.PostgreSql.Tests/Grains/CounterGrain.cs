namespace Platform.Orleans.PostgreSql.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Add(int amount);

    Task<CounterSnapshot> Get();
}

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Value { get; set; }

    [Id(1)]
    public List<string> Notes { get; set; } = [];
}

[GenerateSerializer]
public sealed record CounterSnapshot([property: Id(0)] int Value, [property: Id(1)] IReadOnlyList<string> Notes, [property: Id(2)] string? ETag);

public sealed class CounterGrain([PersistentState("counter", "pg")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public async Task<int> Add(int amount)
    {
        state.State.Value += amount;
        state.State.Notes.Add($"+{amount} ü"); // non-ASCII: the payload must round-trip bytes, not just digits
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<CounterSnapshot> Get() => Task.FromResult(new CounterSnapshot(state.State.Value, [.. state.State.Notes], state.Etag));
}
