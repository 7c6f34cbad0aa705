namespace Platform.Hosting.Dashboard.Telemetry;

/// <content>Metrics: per resource, instruments and their series; the oldest points of the resource are evicted first.</content>
public sealed partial class TelemetryStore
{
    private readonly Lock _metricsLock = new();
    private readonly Dictionary<string, ResourceMetricsSlot> _metrics = new(StringComparer.Ordinal);

    /// <summary>Returns the instruments a resource has reported, ordered by scope then name.</summary>
    /// <param name="resourceKey">The resource's <see cref="TelemetryResource.Key"/>.</param>
    /// <returns>The instruments; empty for an unknown resource.</returns>
    public IReadOnlyList<MetricInstrument> GetInstruments(string resourceKey)
    {
        lock (_metricsLock)
        {
            return _metrics.TryGetValue(resourceKey, out var slot)
                ? [.. slot.Instruments.Values.Select(i => i.Instrument).OrderBy(i => i.Scope, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal)]
                : [];
        }
    }

    /// <summary>Returns the series of one instrument of a resource.</summary>
    /// <param name="resourceKey">The resource's <see cref="TelemetryResource.Key"/>.</param>
    /// <param name="scope">The instrument's scope (Meter name).</param>
    /// <param name="name">The instrument's name.</param>
    /// <returns>The series with copies of their points; empty when unknown.</returns>
    public IReadOnlyList<MetricSeries> GetSeries(string resourceKey, string scope, string name)
    {
        lock (_metricsLock)
        {
            if (!_metrics.TryGetValue(resourceKey, out var slot) || !slot.Instruments.TryGetValue((scope, name), out var instrument))
            {
                return [];
            }

            return [.. instrument.Series.Values.Select(s => new MetricSeries(s.Attributes, [.. s.Points]))];
        }
    }

    /// <summary>Returns how many metric points are stored for a resource.</summary>
    /// <param name="resourceKey">The resource's <see cref="TelemetryResource.Key"/>.</param>
    /// <returns>The count; zero for an unknown resource.</returns>
    public int GetMetricPointCount(string resourceKey)
    {
        lock (_metricsLock)
        {
            return _metrics.TryGetValue(resourceKey, out var slot) ? slot.Order.Count : 0;
        }
    }

    /// <summary>Adds points to one instrument of a resource, evicting that resource's oldest points past the limit.</summary>
    internal void AddMetricPoints(TelemetryResource resource, MetricInstrument instrument, IReadOnlyList<(IReadOnlyList<TelemetryTag> Attributes, MetricSample Sample)> points)
    {
        if (points.Count == 0)
        {
            return;
        }

        lock (_metricsLock)
        {
            if (!_metrics.TryGetValue(resource.Key, out var slot))
            {
                // The same bound as for resources: a sender inventing instance ids cannot grow this without limit.
                if (_metrics.Count >= MaxResources)
                {
                    return;
                }

                slot = new ResourceMetricsSlot();
                _metrics.Add(resource.Key, slot);
            }

            if (!slot.Instruments.TryGetValue((instrument.Scope, instrument.Name), out var instrumentSlot))
            {
                instrumentSlot = new InstrumentSlot(instrument);
                slot.Instruments.Add((instrument.Scope, instrument.Name), instrumentSlot);
            }
            else if (instrumentSlot.Instrument != instrument)
            {
                // Keep the newest description and type; old points stay with their series.
                instrumentSlot.Instrument = instrument;
            }

            foreach (var (attributes, sample) in points)
            {
                var seriesKey = string.Join('\u001f', attributes.Select(a => a.Key + "=" + a.Value));
                if (!instrumentSlot.Series.TryGetValue(seriesKey, out var series))
                {
                    series = new SeriesSlot(instrumentSlot, seriesKey, attributes);
                    instrumentSlot.Series.Add(seriesKey, series);
                }

                series.Points.Enqueue(series.ToPoint(sample));
                slot.Order.Enqueue(series);
                while (slot.Order.Count > MaxMetricPointsPerResource)
                {
                    // Points of a resource arrive in one order, so its oldest point heads its series' queue.
                    var oldest = slot.Order.Dequeue();
                    oldest.Points.Dequeue();
                    if (oldest.Points.Count == 0)
                    {
                        oldest.Owner.Series.Remove(oldest.Key);
                    }
                }
            }
        }

        _changes.Notify();
    }

    private sealed class ResourceMetricsSlot
    {
        public Dictionary<(string Scope, string Name), InstrumentSlot> Instruments { get; } = [];

        public Queue<SeriesSlot> Order { get; } = new();
    }

    private sealed class InstrumentSlot(MetricInstrument instrument)
    {
        public MetricInstrument Instrument { get; set; } = instrument;

        public Dictionary<string, SeriesSlot> Series { get; } = new(StringComparer.Ordinal);
    }

    private sealed class SeriesSlot(InstrumentSlot owner, string key, IReadOnlyList<TelemetryTag> attributes)
    {
        private IReadOnlyList<HistogramBucket>? _previousBuckets;

        public InstrumentSlot Owner { get; } = owner;

        public string Key { get; } = key;

        public IReadOnlyList<TelemetryTag> Attributes { get; } = attributes;

        public Queue<MetricPoint> Points { get; } = new();

        public MetricPoint ToPoint(MetricSample sample)
        {
            if (sample.Quantiles is { } quantiles)
            {
                double? At(double q) => quantiles.Where(x => Math.Abs(x.Quantile - q) < 1e-9).Select(x => (double?)x.Value).FirstOrDefault();
                var median = At(0.5);
                return new MetricPoint(sample.Time, median, sample.Count, sample.Sum, median, At(0.9), At(0.99));
            }

            if (sample.Buckets is not { } buckets)
            {
                return new MetricPoint(sample.Time, sample.Value, null, null, null, null, null);
            }

            // Cumulative histograms hold everything since start; the chart wants the interval since the last point.
            var interval = sample.Cumulative && _previousBuckets is { } previous ? HistogramMath.Difference(buckets, previous) ?? buckets : buckets;
            _previousBuckets = buckets;

            // Min and max cover the whole cumulative range; they still bound any interval inside it.
            var (min, max) = (sample.Min, sample.Max);
            var p50 = HistogramMath.Percentile(interval, 0.5, min, max);
            return new MetricPoint(
                sample.Time, p50, sample.Count, sample.Sum, p50, HistogramMath.Percentile(interval, 0.9, min, max), HistogramMath.Percentile(interval, 0.99, min, max));
        }
    }
}
