using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Dashboard.Integration.Tests.Support;
using Platform.Hosting.Testing;

namespace Platform.Hosting.Dashboard.Integration.Tests;

/// <summary>When the dashboard runs, on which ports, and what happens when it cannot.</summary>
public sealed class DashboardWiringTests
{
    [Fact]
    public async Task Build_AppHostBuilder_RunsTheDashboardByDefault()
    {
        var folder = Directory.CreateTempSubdirectory("platform-dashboard-wiring-");
        try
        {
            var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { AppHostDirectory = folder.FullName });
            await using var app = builder.Build();

            Assert.Single(DashboardHooks(app));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Build_DashboardEnabledFalse_RunsNoDashboard()
    {
        var folder = Directory.CreateTempSubdirectory("platform-dashboard-wiring-");
        try
        {
            var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { AppHostDirectory = folder.FullName });
            builder.Configuration["Dashboard:Enabled"] = "false";
            await using var app = builder.Build();

            Assert.Empty(DashboardHooks(app));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_TestingBuilderByDefault_HasNoDashboardAndNoOtlpEnvironment()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddExecutable("probe", "sh", ".", "-c", "echo \"endpoint=[$OTEL_EXPORTER_OTLP_ENDPOINT]\"");
        await using var app = await builder.BuildAsync();
        await app.StartAsync(TestTimeout.Token());
        await app.ResourceNotifications.WaitForResourceAsync("probe", KnownResourceStates.Exited, TestTimeout.Token());

        Assert.Empty(DashboardHooks(app));
        var error = Assert.Throws<InvalidOperationException>(() => app.GetDashboardLoginUrl());
        Assert.Contains("WithDashboard()", error.Message, StringComparison.Ordinal);
        Assert.Contains(app.ResourceLogs.GetLogs("probe"), l => l.Text == "endpoint=[]");
    }

    [Fact]
    public async Task StartAsync_TestingBuilderWithDashboard_UsesFreePortsAndConfiguredSecrets()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create().WithDashboard();
        builder.Configuration["Dashboard:Port"] = DashboardOptions.DefaultPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration["Dashboard:BrowserToken"] = "browser-token-from-config";
        builder.Configuration["Dashboard:OtlpApiKey"] = "otlp-key-from-config";
        builder.AddExecutable("probe", "sh", ".", "-c", "echo \"endpoint=$OTEL_EXPORTER_OTLP_ENDPOINT headers=$OTEL_EXPORTER_OTLP_HEADERS\"");
        await using var app = await builder.BuildAsync();
        await app.StartAsync(TestTimeout.Token());
        await app.ResourceNotifications.WaitForResourceAsync("probe", KnownResourceStates.Exited, TestTimeout.Token());

        var dashboard = app.GetDashboard();
        Assert.NotEqual(DashboardOptions.DefaultPort, new Uri(dashboard.BrowserUrl).Port);
        Assert.NotEqual(DashboardOptions.DefaultOtlpPort, new Uri(dashboard.OtlpEndpointUrl).Port);
        Assert.Equal($"{dashboard.BrowserUrl}login?t=browser-token-from-config", app.GetDashboardLoginUrl());
        Assert.Contains(app.ResourceLogs.GetLogs("probe"), l => l.Text == $"endpoint={dashboard.OtlpEndpointUrl} headers=x-otlp-api-key=otlp-key-from-config");
    }

    [Fact]
    public async Task StartAsync_DashboardPortInUse_FailsInOneLineNamingThePortAndTheKey()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await using var builder = DistributedApplicationTestingBuilder.Create().WithDashboard();
        builder.Options.RandomizePorts = false;
        builder.Configuration["Dashboard:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration["Dashboard:OtlpPort"] = "0";
        await using var app = await builder.BuildAsync();

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync(TestTimeout.Token()));

        Assert.Equal(
            $"Port {port} for the dashboard's web UI is already in use by another process: stop that process, or set Dashboard:Port (environment Dashboard__Port) to another port, or 0 for a free one.",
            error.Message);
    }

    [Fact]
    public async Task StartAsync_DashboardPortNotANumber_FailsNamingTheKey()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create().WithDashboard();
        builder.Configuration["Dashboard:OtlpPort"] = "eighteen";
        await using var app = await builder.BuildAsync();

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync(TestTimeout.Token()));

        Assert.Contains("Dashboard:OtlpPort is 'eighteen'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteCommandAsync_Kill_IsRejectedAsNotADashboardCommand()
    {
        var source = new DashboardResourceSource(new ResourceNotificationService(), new ResourceLoggerService(), () => throw new InvalidOperationException("not reached"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => source.ExecuteCommandAsync("api", KnownResourceCommands.Kill, null, CancellationToken.None));

        Assert.Equal("command", error.ParamName);
    }

    private static IEnumerable<DashboardLifecycleHook> DashboardHooks(DistributedApplication app)
        => app.Services.GetServices<IDistributedApplicationLifecycleHook>().OfType<DashboardLifecycleHook>();
}
