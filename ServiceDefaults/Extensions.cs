using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The service defaults every Platform service opts into with two calls, in the shape of the .NET
/// Aspire template: OpenTelemetry, health checks, service discovery and standard HTTP resilience.
/// Lives in <c>Microsoft.Extensions.Hosting</c> so it is in scope in any <c>Program.cs</c> without
/// a using directive.
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
    /// Adds OpenTelemetry, the default health checks, service discovery, and standard resilience
    /// plus discovery on every <see cref="HttpClient"/> created through <c>IHttpClientFactory</c>.
    /// A repeated call is ignored, so a library helper may call it without knowing whether the app did.
    /// </summary>
    /// <typeparam name="TBuilder">The host application builder type.</typeparam>
    /// <param name="builder">The builder of the application.</param>
    /// <returns>The same <paramref name="builder"/>, for chaining.</returns>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        // A second call would stack a second resilience pipeline on every client, register the
        // "self" check twice (the health service rejects duplicate names) and call UseOtlpExporter
        // twice (which throws).
        if (builder.Services.Any(d => d.ServiceType == typeof(ServiceDefaultsMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<ServiceDefaultsMarker>();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();

        // Resilience is added before discovery so it is the outer handler: every retry resolves
        // the service again and can land on another replica.
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    /// <summary>Registered once by <see cref="AddServiceDefaults{TBuilder}"/> so a repeated call can tell it already ran.</summary>
    private sealed class ServiceDefaultsMarker;
}
