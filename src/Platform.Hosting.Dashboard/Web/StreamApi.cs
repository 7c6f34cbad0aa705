using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Platform.Hosting.Dashboard.Resources;
using Platform.Hosting.Dashboard.Telemetry;

namespace Platform.Hosting.Dashboard.Web;

/// <summary>Server-sent events: change notices for the live pages, and a console tail.</summary>
internal static class StreamApi
{
    // Coalesces bursts (a batch export touches many records) into one notice, so pages refetch at most a few times a second.
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(250);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder app, TelemetryStore store, ChangeNotifier resourceChanges, IResourceSource source)
    {
        app.MapGet("/api/stream/changes", async (HttpContext context, IHostApplicationLifetime lifetime) =>
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            var token = stop.Token;
            Start(context);
            try
            {
                while (!token.IsCancellationRequested)
                {
                    var telemetry = store.Version;
                    var resources = resourceChanges.Version;
                    await WriteAsync(context, "change", new { telemetry, resources }, token);
                    await Task.WhenAny(store.WaitForChangeAsync(telemetry, token), resourceChanges.WaitAsync(resources, token));
                    await Task.Delay(Coalesce, token);
                }
            }
            catch (OperationCanceledException)
            {
                // The page closed or the dashboard is stopping.
            }
        });

        app.MapGet("/api/stream/console/{name}", async (HttpContext context, IHostApplicationLifetime lifetime, string name) =>
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            var token = stop.Token;
            Start(context);
            var lines = source.WatchConsoleLogsAsync(name, token).GetAsyncEnumerator(token);
            try
            {
                // Subscribe before reading the buffer, then skip what the buffer already held: no line lost, none twice.
                var next = lines.MoveNextAsync();
                var seen = -1L;
                foreach (var line in source.GetConsoleLogs(name))
                {
                    await WriteAsync(context, "line", ResourceApi.ToJson(line), token, flush: false);
                    seen = Math.Max(seen, line.Sequence);
                }

                await WriteAsync(context, "ready", new { sequence = seen }, token);
                while (await next)
                {
                    var line = lines.Current;
                    next = lines.MoveNextAsync();
                    if (line.Sequence > seen)
                    {
                        // Flush only when no further line is ready: one write per burst, like Kestrel's own batching.
                        await WriteAsync(context, "line", ResourceApi.ToJson(line), token, flush: !next.IsCompleted);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The page closed or the dashboard is stopping.
            }
            catch (ArgumentException ex)
            {
                // Not "error": EventSource reserves that name for its own connection errors.
                await WriteAsync(context, "failure", new { error = ex.Message }, CancellationToken.None);
            }
            finally
            {
                await lines.DisposeAsync();
            }
        });
    }

    private static void Start(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
    }

    private static async Task WriteAsync(HttpContext context, string eventName, object data, CancellationToken token, bool flush = true)
    {
        // JSON never contains a raw newline, so one data: line per event is safe.
        await context.Response.WriteAsync($"event: {eventName}\ndata: {JsonSerializer.Serialize(data, Json)}\n\n", token);
        if (flush)
        {
            await context.Response.Body.FlushAsync(token);
        }
    }
}
