using Platform.Hosting.Dashboard.Telemetry;

namespace Platform.Hosting.Dashboard.Integration.Tests.Support;

// Waits on the dashboard's store by its change version: no polling interval, no clock.
internal static class TelemetryWaits
{
    public static async Task<T> WaitForAsync<T>(this TelemetryStore store, Func<TelemetryStore, T?> probe, CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            var version = store.Version;
            if (probe(store) is { } result)
            {
                return result;
            }

            await store.WaitForChangeAsync(version, cancellationToken);
        }
    }

    /// <summary>Waits until the trace holds a server span from every one of <paramref name="services"/>.</summary>
    public static Task<TraceEntry> WaitForTraceAsync(this TelemetryStore store, string traceId, string[] services, CancellationToken cancellationToken)
        => store.WaitForAsync(
            s => s.GetTrace(traceId) is { } trace && services.All(name => trace.Spans.Any(span => span.Resource.Name == name && span.Kind == "Server")) ? trace : null,
            cancellationToken);
}
