using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    private const string HealthPath = "/health";
    private const string AlivePath = "/alive";
    private const string LiveTag = "live";

    /// <summary>
    /// Adds health checks with a <c>self</c> check tagged <c>live</c>, so <c>/alive</c> answers as
    /// long as the process serves requests. Register further checks with
    /// <c>builder.Services.AddHealthChecks().AddCheck(...)</c>; tag them <c>live</c> only if a
    /// failure means the process must be restarted.
    /// </summary>
    /// <typeparam name="TBuilder">The host application builder type.</typeparam>
    /// <param name="builder">The builder of the application.</param>
    /// <returns>The same <paramref name="builder"/>, for chaining.</returns>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy("The process is serving requests."), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check must pass) and <c>/alive</c> (only checks tagged
    /// <c>live</c>), each answering 200 when healthy or degraded and 503 when unhealthy, with a JSON
    /// body naming each check. They are mapped in the Development environment, and elsewhere only
    /// when configuration key <c>HealthChecks:Enabled</c> is <c>true</c>: health details are not
    /// for the public internet, so exposing them is a deliberate choice of whoever deploys.
    /// </summary>
    /// <param name="app">The web application.</param>
    /// <returns>The same <paramref name="app"/>, for chaining.</returns>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        if (!app.Environment.IsDevelopment() && !app.Configuration.GetValue("HealthChecks:Enabled", false))
        {
            return app;
        }

        app.MapHealthChecks(HealthPath, new HealthCheckOptions
        {
            ResponseWriter = WriteHealthReportAsync,
        });
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
            ResponseWriter = WriteHealthReportAsync,
        });

        return app;
    }

    // The framework writes only the overall status; naming the failing check saves a trip to the
    // logs. Exception messages are left out on purpose: they can carry connection strings, and the
    // framework copies a throwing check's message into its description.
    private static async Task WriteHealthReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";

        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 3));
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Exception is null ? entry.Description : "The check threw an exception; see the service's logs.");
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 3));
            json.WriteStartArray("tags");
            foreach (var tag in entry.Tags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
