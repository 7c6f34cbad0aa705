using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RenderFarm.Grains;

/// <summary>
/// The farm's meter and span source. Frames per second per silo is the rate of <c>farm.frames.rendered</c> by its
/// <c>silo</c> tag; a slot's utilisation is the rate of <c>farm.slot.busy</c> (seconds busy per second).
/// </summary>
public sealed class FarmMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "RenderFarm";

    /// <summary>The span source: one span per frame rendered, under its job's trace.</summary>
    public static readonly ActivitySource Source = new(MeterName);

    private readonly Counter<long> _rendered;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _expiries;
    private readonly Counter<long> _reexecutions;
    private readonly Counter<long> _refused;
    private readonly Counter<double> _busy;
    private readonly Histogram<double> _renderTime;
    private int _queueLength;
    private int _busySlots;

    /// <summary>Creates the instruments on <paramref name="meters"/>.</summary>
    public FarmMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _rendered = meter.CreateCounter<long>("farm.frames.rendered", "{frame}", "Frames rendered, by silo.");
        _accepted = meter.CreateCounter<long>("farm.frames.accepted", "{frame}", "Frame results accepted by the store.");
        _expiries = meter.CreateCounter<long>("farm.leases.expired", "{lease}", "Leases that ran out without a renewal.");
        _reexecutions = meter.CreateCounter<long>("farm.frames.reexecuted", "{frame}", "Frames handed out again: after an expired lease, or as a straggler's copy.");
        _refused = meter.CreateCounter<long>("farm.results.refused", "{result}", "Results refused because their fencing token was stale.");
        _busy = meter.CreateCounter<double>("farm.slot.busy", "s", "Seconds a slot spent rendering, by silo and slot: its rate is the slot's utilisation.");
        _renderTime = meter.CreateHistogram<double>("farm.frame.render_time", "s", "Time to render one frame, by silo.");
        meter.CreateObservableGauge("farm.queue.length", () => Volatile.Read(ref _queueLength), "{frame}", "Frames waiting to be handed out (seen by the scheduler).");
        meter.CreateObservableGauge("farm.slots.busy", () => Volatile.Read(ref _busySlots), "{slot}", "Slots of this silo rendering now.");
    }

    internal void Rendered(string silo, int slot, double seconds)
    {
        var siloTag = new KeyValuePair<string, object?>("silo", silo);
        _rendered.Add(1, siloTag);
        _renderTime.Record(seconds, siloTag);
        _busy.Add(seconds, siloTag, new KeyValuePair<string, object?>("slot", slot));
    }

    internal void Accepted() => _accepted.Add(1);

    internal void LeaseExpired() => _expiries.Add(1);

    internal void Reexecuted(string reason) => _reexecutions.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal void Refused() => _refused.Add(1);

    internal void QueueLength(int frames) => Volatile.Write(ref _queueLength, frames);

    internal void SlotBusy(int delta) => Interlocked.Add(ref _busySlots, delta);
}
