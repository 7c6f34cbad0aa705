using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Hosting.Dashboard.Telemetry;

namespace Platform.Hosting.Dashboard.Web;

/// <summary>Metric instruments and series of one resource.</summary>
internal static class MetricsApi
{
    private const int MaxPoints = 5_000;

    public static void Map(IEndpointRouteBuilder app, TelemetryStore store)
    {
        app.MapGet("/api/metrics", (string resource) => Results.Json(store.GetInstruments(ResolveKey(store, resource)).Select(i => new
        {
            scope = i.Scope,
            name = i.Name,
            description = i.Description,
            unit = i.Unit,
            type = i.Type,
        })));

        app.MapGet("/api/metrics/series", (string resource, string scope, string name, long? windowMs) =>
        {
            resource = ResolveKey(store, resource);
            var instrument = store.GetInstruments(resource).FirstOrDefault(i => i.Scope == scope && i.Name == name);
            if (instrument is null)
            {
                return Results.Json(new { error = $"Resource '{resource}' has no instrument '{name}' in scope '{scope}'." }, statusCode: StatusCodes.Status404NotFound);
            }

            return Results.Json(new
            {
                instrument,
                series = store.GetSeries(resource, scope, name).Select(s => new
                {
                    attributes = s.Attributes,

                    // Milliseconds since the epoch: what the chart's JavaScript Date wants.
                    points = Window(s.Points, windowMs).Select(p => new
                    {
                        t = p.Time.ToUnixTimeMilliseconds(),
                        v = Finite(p.Value),
                        count = p.Count,
                        sum = Finite(p.Sum),
                        p50 = Finite(p.P50),
                        p90 = Finite(p.P90),
                        p99 = Finite(p.P99),
                    }),
                }),
            });
        });
    }

    // Metrics are kept per process; a bare name (the common case of one replica) means that name's first instance.
    private static string ResolveKey(TelemetryStore store, string resource)
    {
        var resources = store.GetResources();
        return resources.Any(r => r.Key == resource) ? resource : resources.FirstOrDefault(r => r.Name == resource)?.Key ?? resource;
    }

    // A chart needs the window it shows, not 50,000 points per refresh: keep the window, and at most MaxPoints of it.
    private static IEnumerable<MetricPoint> Window(IReadOnlyList<MetricPoint> points, long? windowMs)
    {
        if (points.Count == 0)
        {
            return points;
        }

        var since = windowMs is > 0 ? points[^1].Time.AddMilliseconds(-windowMs.Value) : DateTimeOffset.MinValue;
        var inWindow = points.Where(p => p.Time >= since).ToList();
        return inWindow.Skip(Math.Max(0, inWindow.Count - MaxPoints));
    }

    // JSON has no NaN or Infinity; a sender may still report them.
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
