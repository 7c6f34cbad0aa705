using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Actors.Runtime;

/// <summary>The runtime's meter <c>Platform.Actors</c>: calls, failures, call duration and the number of activations.</summary>
internal sealed class ActorsMetrics
{
    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _duration;

    public ActorsMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(ActorsTelemetry.Name);
        _calls = _meter.CreateCounter<long>("actors.grain.calls", "{call}", "Grain calls made from this process.");
        _failures = _meter.CreateCounter<long>("actors.grain.call.failures", "{call}", "Grain calls that ended with an exception.");
        _duration = _meter.CreateHistogram<double>("actors.grain.call.duration", "s", "Grain call duration seen by the caller.");
    }

    public void ObserveActivations(Func<int> count) =>
        _meter.CreateObservableGauge("actors.activations", count, "{activation}", "Grain activations in this silo.");

    public void RecordCall(string interfaceName, string methodName, long startTimestamp, bool failed)
    {
        var tags = new TagList { { "rpc.service", interfaceName }, { "rpc.method", methodName } };
        _calls.Add(1, tags);
        if (failed)
        {
            _failures.Add(1, tags);
        }

        _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
    }
}
