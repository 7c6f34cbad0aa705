using Microsoft.Extensions.DependencyInjection;
using ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The service defaults every Platform service opts into with two calls: telemetry (OpenTelemetry
/// logs, metrics and traces exported over OTLP), health checks, service discovery and standard
/// HTTP resilience. Lives in <c>Microsoft.Extensions.Hosting</c> so it is in scope in any
/// <c>Program.cs</c> without a using directive.
/// </summary>
/// <example>
/// <code>
/// var builder = WebApplication.CreateBuilder(args);
/// builder.AddServiceDefaults();
/// var app = builder.Build();
/// app.MapDefaultEndpoints();
/// app.Run();
/// </code>
/// </example>
public static partial class Extensions
{
    /// <summary>
    /// Adds OpenTelemetry, the default health checks, service discovery and standard resilience
    /// for every <see cref="HttpClient"/> created through <c>IHttpClientFactory</c>.
    /// Calling it more than once is harmless.
    /// </summary>
    /// <typeparam name="TBuilder">The host application builder type.</typeparam>
    /// <param name="builder">The builder of the application.</param>
    /// <returns>The same <paramref name="builder"/>, for chaining.</returns>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        // A second call would stack a second pair of HTTP handlers on every client.
        if (builder.Services.Any(d => d.ServiceType == typeof(ServiceDefaultsMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<ServiceDefaultsMarker>();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddServiceDiscovery();
        builder.AddStandardResilience();

        // Resilience is added before discovery so it is the outer handler: every attempt of a
        // retry goes through discovery again and can land on another replica.
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscoveryHandler();
        });

        return builder;
    }
}
