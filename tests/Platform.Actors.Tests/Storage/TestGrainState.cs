using Platform.Actors.Storage;

namespace Platform.Actors.Tests.Storage;

/// <summary>A plain <see cref="IGrainState{T}"/>, standing in for the runtime's persistent state in storage tests.</summary>
public sealed class TestGrainState<T> : IGrainState<T>
{
    public T State { get; set; } = default!;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }

    /// <summary>A second activation's view: same ETag, its own state object.</summary>
    public TestGrainState<T> CopyWith(T state) => new() { State = state, ETag = ETag, RecordExists = RecordExists };
}
