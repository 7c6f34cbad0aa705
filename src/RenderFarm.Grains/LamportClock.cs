namespace RenderFarm.Grains;

/// <summary>
/// A Lamport clock, one per silo: <see cref="Tick"/> before a local event or a send, <see cref="Witness"/> on receiving
/// a time from another silo. If event a can have caused event b, a's time is lower: an order no wall clock gives
/// across machines whose clocks drift.
/// </summary>
public sealed class LamportClock
{
    private long _time;

    /// <summary>The latest time issued or witnessed.</summary>
    public long Now => Volatile.Read(ref _time);

    /// <summary>Advances the clock for a local event and returns the event's time.</summary>
    public long Tick() => Interlocked.Increment(ref _time);

    /// <summary>Moves past <paramref name="remote"/> (a received time) and returns the receiving event's time.</summary>
    public long Witness(long remote)
    {
        while (true)
        {
            var current = Volatile.Read(ref _time);
            var next = Math.Max(current, remote) + 1;
            if (Interlocked.CompareExchange(ref _time, next, current) == current)
            {
                return next;
            }
        }
    }
}
