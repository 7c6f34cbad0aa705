using Microsoft.Extensions.DependencyInjection;
using Platform.Hosting.Dashboard;

namespace Platform.Hosting.Testing;

/// <summary>
/// The dashboard of a test app. It is off in tests unless the test opts in before building, and then listens on free ports.
/// </summary>
/// <example>
/// <code>
/// await using var builder = DistributedApplicationTestingBuilder.Create();
/// builder.WithDashboard();
/// await using var app = await builder.BuildAsync();
/// await app.StartAsync();
/// await page.GotoAsync(app.GetDashboardLoginUrl());
/// </code>
/// </example>
public static class DashboardTestingExtensions
{
    /// <summary>Turns the dashboard on for this test app (it is off by default in tests); it takes free ports.</summary>
    /// <returns>The same <paramref name="builder"/>, for chaining.</returns>
    public static IDistributedApplicationTestingBuilder WithDashboard(this IDistributedApplicationTestingBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Options.DisableDashboard = false;
        return builder;
    }

    /// <summary>Returns the running dashboard: its URLs, secrets and the telemetry it received (<see cref="DashboardServer.Telemetry"/>).</summary>
    /// <exception cref="InvalidOperationException">The dashboard is off (call <see cref="WithDashboard"/>) or the app is not started.</exception>
    public static DashboardServer GetDashboard(this DistributedApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var hook = app.Services.GetServices<IDistributedApplicationLifecycleHook>().OfType<DashboardLifecycleHook>().FirstOrDefault()
                   ?? throw new InvalidOperationException("The dashboard is off in this app: call builder.WithDashboard() (or set Options.DisableDashboard = false) before building.");
        return hook.Server ?? throw new InvalidOperationException("The dashboard is not running: call StartAsync first (it stops when the app is disposed).");
    }

    /// <summary>Returns the dashboard's one-click sign-in address, <c>http://127.0.0.1:{port}/login?t={token}</c>.</summary>
    /// <exception cref="InvalidOperationException">The dashboard is off or not started.</exception>
    public static string GetDashboardLoginUrl(this DistributedApplication app) => app.GetDashboard().LoginUrl;

    /// <summary>Returns the dashboard's OTLP/HTTP endpoint, the value every project receives as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    /// <exception cref="InvalidOperationException">The dashboard is off or not started.</exception>
    public static string GetDashboardOtlpEndpoint(this DistributedApplication app) => app.GetDashboard().OtlpEndpointUrl;
}
