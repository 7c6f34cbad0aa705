using Platform.Hosting.Dashboard.Telemetry;

namespace Platform.Hosting.Dashboard.Tests;

public sealed class TelemetryStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AddLogs_PastTheLimit_EvictsOldestFirst()
    {
        var store = new TelemetryStore(maxLogRecords: 3, maxTraces: 10, maxMetricPointsPerResource: 10);
        var resource = store.GetOrAddResource("api", null, []);

        store.AddLogs([.. Enumerable.Range(1, 5).Select(i => Log(resource, $"m{i}"))]);

        Assert.Equal(["m3", "m4", "m5"], store.GetLogs().Select(l => l.Message));
        Assert.Equal([3L, 4L, 5L], store.GetLogs().Select(l => l.Sequence));
    }

    [Fact]
    public void AddSpans_PastTheTraceLimit_EvictsWholeOldestTraces()
    {
        var store = new TelemetryStore(maxLogRecords: 10, maxTraces: 2, maxMetricPointsPerResource: 10);
        var resource = store.GetOrAddResource("api", null, []);

        store.AddSpans([Span(resource, "t1", "a"), Span(resource, "t1", "b", parent: "a"), Span(resource, "t2", "c")]);
        store.AddSpans([Span(resource, "t3", "d")]);

        Assert.Null(store.GetTrace("t1"));
        Assert.NotNull(store.GetTrace("t2"));
        Assert.NotNull(store.GetTrace("t3"));
        Assert.Equal(2, store.TraceCount);
    }

    [Fact]
    public void AddSpans_LateSpanOfKnownTrace_JoinsItAndDoesNotCountAsNewTrace()
    {
        var store = new TelemetryStore(maxLogRecords: 10, maxTraces: 2, maxMetricPointsPerResource: 10);
        var api = store.GetOrAddResource("api", null, []);
        var silo = store.GetOrAddResource("silo", null, []);

        store.AddSpans([Span(api, "t1", "a")]);
        store.AddSpans([Span(silo, "t1", "b", parent: "a")]);
        store.AddSpans([Span(api, "t1", "a")]);

        var trace = store.GetTrace("t1")!;
        Assert.Equal(2, trace.Spans.Count);
        Assert.Equal(["api", "silo"], trace.Services);
        Assert.Equal("a", trace.Root.SpanId);
        Assert.Equal(1, store.TraceCount);
    }

    [Fact]
    public void AddMetricPoints_PastTheLimit_EvictsTheResourcesOldestPointsAcrossInstruments()
    {
        var store = new TelemetryStore(maxLogRecords: 10, maxTraces: 10, maxMetricPointsPerResource: 3);
        var api = store.GetOrAddResource("api", "i1", []);
        var other = store.GetOrAddResource("silo", "i1", []);
        var counter = new MetricInstrument("m", "requests", string.Empty, string.Empty, "Counter");
        var gauge = new MetricInstrument("m", "temperature", string.Empty, string.Empty, "Gauge");

        store.AddMetricPoints(api, counter, [([], new MetricSample(T0, 1)), ([], new MetricSample(T0.AddSeconds(1), 2))]);
        store.AddMetricPoints(api, gauge, [([], new MetricSample(T0.AddSeconds(2), 20)), ([], new MetricSample(T0.AddSeconds(3), 21))]);
        store.AddMetricPoints(other, counter, [([], new MetricSample(T0, 7))]);

        Assert.Equal(3, store.GetMetricPointCount(api.Key));
        Assert.Equal([2.0], store.GetSeries(api.Key, "m", "requests").Single().Points.Select(p => p.Value!.Value));
        Assert.Equal([20.0, 21.0], store.GetSeries(api.Key, "m", "temperature").Single().Points.Select(p => p.Value!.Value));
        Assert.Equal(1, store.GetMetricPointCount(other.Key));
    }

    [Fact]
    public void AddMetricPoints_CumulativeHistogram_EstimatesPercentilesOverTheIntervalSinceThePreviousPoint()
    {
        var store = new TelemetryStore(10, 10, 10);
        var api = store.GetOrAddResource("api", null, []);
        var instrument = new MetricInstrument("m", "latency", string.Empty, "ms", "Histogram");
        var first = HistogramMath.FromExplicit([10, 100], [100UL, 0, 0]);
        var second = HistogramMath.FromExplicit([10, 100], [100UL, 0, 100]);

        store.AddMetricPoints(api, instrument, [([], new MetricSample(T0, null, first, 100, Cumulative: true, Max: 500))]);
        store.AddMetricPoints(api, instrument, [([], new MetricSample(T0.AddSeconds(1), null, second, 200, Cumulative: true, Max: 500))]);

        var points = store.GetSeries(api.Key, "m", "latency").Single().Points;
        Assert.InRange(points[0].P50!.Value, 0, 10);
        Assert.True(points[1].P50 > 100, $"The second interval only saw values above 100, but p50 was {points[1].P50}.");
    }

    [Fact]
    public void GetOrAddResource_SameNameDifferentInstance_AreDistinctResources()
    {
        var store = new TelemetryStore(10, 10, 10);

        var a = store.GetOrAddResource("silo", "0", []);
        var b = store.GetOrAddResource("silo", "1", []);
        var again = store.GetOrAddResource("silo", "0", []);

        Assert.NotEqual(a.Key, b.Key);
        Assert.Same(a, again);
        Assert.Equal(2, store.GetResources().Count);
    }

    [Fact]
    public async Task WaitForChangeAsync_AfterAdd_Completes()
    {
        var store = new TelemetryStore(10, 10, 10);
        var version = store.Version;
        var wait = store.WaitForChangeAsync(version, CancellationToken.None);
        Assert.False(wait.IsCompleted);

        store.AddLogs([Log(store.GetOrAddResource("api", null, []), "hello")]);

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotEqual(version, store.Version);
    }

    private static LogEntry Log(TelemetryResource resource, string message) =>
        new(0, resource, T0, 9, "Information", message, null, null, "scope", null, []);

    private static SpanEntry Span(TelemetryResource resource, string traceId, string spanId, string? parent = null) =>
        new(traceId, spanId, parent, "span " + spanId, "Internal", resource, "scope", T0, T0.AddMilliseconds(5), "Unset", null, [], [], []);
}
