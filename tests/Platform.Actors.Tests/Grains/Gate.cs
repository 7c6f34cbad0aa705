using System.Collections.Concurrent;

namespace Platform.Actors.Tests.Grains;

/// <summary>A test-controlled gate per grain key that grain methods await.</summary>
public static class Gate
{
    private static readonly ConcurrentDictionary<long, TaskCompletionSource> Gates = new();

    public static TaskCompletionSource For(long key) => Gates.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
}
