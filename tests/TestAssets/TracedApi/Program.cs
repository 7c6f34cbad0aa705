using System.Diagnostics;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddHttpClient("backend", client => client.BaseAddress = new Uri("http://backend"));
var app = builder.Build();
app.MapDefaultEndpoints();

// The front half of a trace: calls the backend resource, resolved from services__backend__http__0.
// Answers with the trace id so a test can find this request's trace in the dashboard.
app.MapGet("/hop", async (IHttpClientFactory clients, ILogger<HopLog> logger, CancellationToken cancellationToken) =>
{
    using var client = clients.CreateClient("backend");
    var answer = await client.GetStringAsync(new Uri("/work", UriKind.Relative), cancellationToken);
    HopLog.Hopped(logger, answer);
    return Results.Json(new { traceId = Activity.Current?.TraceId.ToString(), answer });
});

// The back half: answers with the replica that served it.
app.MapGet("/work", (ILogger<HopLog> logger) =>
{
    var instance = app.Configuration["OTEL_RESOURCE_ATTRIBUTES"] ?? "unknown";
    HopLog.Worked(logger, instance);
    return Results.Text(instance);
});

// The telemetry settings this process received from the orchestrator.
app.MapGet("/otel", () => app.Configuration.AsEnumerable()
    .Where(kv => kv.Key.StartsWith("OTEL_", StringComparison.Ordinal))
    .ToDictionary(kv => kv.Key, kv => kv.Value ?? ""));

app.Run();

internal sealed partial class HopLog
{
    [LoggerMessage(1, LogLevel.Information, "Hop answered by {Answer}")]
    public static partial void Hopped(ILogger logger, string answer);

    [LoggerMessage(2, LogLevel.Information, "Work done by {Instance}")]
    public static partial void Worked(ILogger logger, string instance);
}
