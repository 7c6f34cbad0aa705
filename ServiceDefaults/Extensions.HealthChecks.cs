using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ServiceDefaults.HealthChecks;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>
    /// Adds health checks with a default <c>self</c> check tagged <c>live</c>, so <c>/alive</c>
    /// answers as long as the process serves requests. Register further checks with
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

        // Registering "self" twice would make the health service throw on a duplicate name.
        builder.Services.AddHealthChecks();
        builder.Services.Configure<HealthCheckServiceOptions>(options =>
        {
            if (!options.Registrations.Any(r => r.Name == HealthEndpoints.SelfCheckName))
            {
                options.Registrations.Add(new HealthCheckRegistration(
                    HealthEndpoints.SelfCheckName,
                    _ => new SelfHealthCheck(),
                    failureStatus: null,
                    tags: [HealthEndpoints.LiveTag]));
            }
        });

        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check; 200 when healthy or degraded, 503 when unhealthy, with a
    /// JSON body naming each check) and <c>/alive</c> (only checks tagged <c>live</c>). They are
    /// mapped in the Development environment, and elsewhere only when configuration key
    /// <c>HealthChecks:Enabled</c> is <c>true</c>: health details are not for the public.
    /// </summary>
    /// <param name="app">The web application.</param>
    /// <returns>The same <paramref name="app"/>, for chaining.</returns>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        if (!app.Environment.IsDevelopment() && !app.Configuration.GetValue(HealthEndpoints.EnabledKey, false))
        {
            return app;
        }

        app.MapHealthChecks(HealthEndpoints.HealthPath, new HealthCheckOptions
        {
            ResponseWriter = HealthReportJsonWriter.WriteAsync,
        });
        app.MapHealthChecks(HealthEndpoints.AlivePath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(HealthEndpoints.LiveTag),
            ResponseWriter = HealthReportJsonWriter.WriteAsync,
        });

        return app;
    }
}
