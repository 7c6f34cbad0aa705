using System.Collections.Concurrent;

namespace Platform.Actors.Tests.Infrastructure;

/// <summary>Events recorded by test grains, keyed by grain key so parallel tests do not see each other's.</summary>
public static class Probe
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Events = new();

    public static void Record(string key, string evt) => Events.GetOrAdd(key, _ => new()).Enqueue(evt);

    public static IReadOnlyList<string> Get(string key) => Events.TryGetValue(key, out var q) ? [.. q] : [];

    public static int Count(string key, string evt) => Get(key).Count(e => e == evt);

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test after a generous limit (this waits for an event, it does not measure time).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, int limitSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(limitSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Gave up waiting for: {what}");
            }

            await Task.Delay(10);
        }
    }
}
