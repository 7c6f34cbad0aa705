using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Hosting.Dashboard.Telemetry;

namespace Platform.Hosting.Dashboard.Web;

/// <summary>Metric instruments and series of one resource.</summary>
internal static class MetricsApi
{
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

        app.MapGet("/api/metrics/series", (string resource, string scope, string name) =>
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
                    points = s.Points.Select(p => new
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

    // JSON has no NaN or Infinity; a sender may still report them.
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
